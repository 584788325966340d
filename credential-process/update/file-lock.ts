// An advisory lock file beside the shared credentials file, held only around its read-modify-write,
// so concurrent `update` processes (one per profile, say) never lose each other's profiles.
import { closeSync, openSync, rmSync, statSync } from 'node:fs';
import { InputError } from '../../errors.js';

const WAIT_MS = 10_000;
const POLL_MS = 20;
/** A lock older than this was left by a crashed writer: the critical section takes milliseconds. */
const STALE_MS = 30_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isStale(lockPath: string, nowMs: number): boolean {
  try {
    return nowMs - statSync(lockPath).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

/** Runs `work` while holding `${path}.lock` (created exclusively, removed afterwards). */
export function withFileLock<T>(path: string, work: () => T, waitMs = WAIT_MS): T {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      closeSync(openSync(lockPath, 'wx', 0o600));
      break;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      if (isStale(lockPath, Date.now())) rmSync(lockPath, { force: true });
      else if (Date.now() > deadline) {
        throw new InputError('FILE_LOCKED', `cannot write the credentials file: another process holds its lock (${lockPath}). Remove the lock file if no iamra update is running.`);
      } else sleepSync(POLL_MS);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lockPath, { force: true });
  }
}
