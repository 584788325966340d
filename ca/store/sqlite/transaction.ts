// One operation = one BEGIN IMMEDIATE transaction, retried while another process holds the lock.
import type Database from 'better-sqlite3';
import { ServiceError } from '../../../errors.js';

/** Total time to keep retrying a busy database, in milliseconds. */
export const BUSY_RETRY_LIMIT_MS = 60_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs `fn` inside BEGIN IMMEDIATE (the write lock is taken up front, so no deadlock between
 * readers upgrading). busy_timeout already waits; this loop covers what it cannot (e.g. a lock
 * held longer than the timeout) with jittered back-off, so a busy CA is retried, not reported.
 */
export function immediate<T>(db: Database.Database, fn: () => T): T {
  const transaction = db.transaction(fn);
  const deadline = Date.now() + BUSY_RETRY_LIMIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return transaction.immediate();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (Date.now() > deadline) {
        throw new ServiceError('CA_DATABASE_BUSY', `cannot write the CA database: still locked by another process after ${BUSY_RETRY_LIMIT_MS / 1000}s. Retry when the other iamra command has finished.`, { cause: error });
      }
      Atomics.wait(sleeper, 0, 0, Math.min(200, 5 * 2 ** Math.min(attempt, 5)) + Math.random() * 20);
    }
  }
}
