// The pool behind the PostgreSQL store, and the one way to use it: each operation is one
// transaction, retried on serialization failures and lost connections with the shared backoff.
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { ServiceError } from '../../../errors.js';
import { backoffDelayMs } from '../../../io/retry-backoff.js';
import { describePostgresError, errorCode, isConnectionLost, isSerializationFailure } from './describe-postgres-error.js';

export type Isolation = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/** How long an operation keeps retrying a lost server (a restart, a failover) before it fails. */
export const RETRY_LIMIT_MS = 10_000;
const BACKOFF = { baseMs: 50, capMs: 2_000, jitter: 'equal' as const };

export interface Queryable {
  query<R extends QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

export class PostgresDatabase {
  /** Whether this process reached the server once: a refused connection before that is a wrong address, not a restart. */
  private reached = false;

  constructor(readonly pool: Pool, readonly where: string) {}

  /** Runs `fn` in one transaction; `readOnly` reads need no COMMIT worth worrying about. */
  async transaction<T>(isolation: Isolation, fn: (tx: Queryable) => Promise<T>, readOnly = false): Promise<T> {
    const deadline = Date.now() + RETRY_LIMIT_MS;
    for (let attempt = 1; ; attempt++) {
      let committing = false;
      // Set when the session ended before COMMIT was sent: then nothing was committed, and a retry is safe.
      let endedBeforeCommit = false;
      const onError = () => {
        if (!committing) endedBeforeCommit = true;
      };
      let client: PoolClient | undefined;
      try {
        client = await this.pool.connect();
        // A checked-out client's error (the server ending the session between two queries) has
        // no pool listener: without one it would crash the process. The next query fails instead.
        client.on('error', onError);
        this.reached = true;
        await client.query(`BEGIN ISOLATION LEVEL ${isolation}${readOnly ? ' READ ONLY' : ''}`);
        const value = await fn(queryable(client));
        committing = true;
        await client.query('COMMIT');
        client.off('error', onError);
        client.release();
        return value;
      } catch (error) {
        const lost = isConnectionLost(error);
        if (client) await rollback(client, lost, onError);
        if (lost && committing && !endedBeforeCommit && !readOnly) {
          throw new ServiceError('CA_DATABASE_COMMIT_UNKNOWN', `the connection to the CA store ${this.where} was lost while committing: the change may or may not be stored. Check with "iamra list" or "iamra show" before repeating it.`, { cause: error });
        }
        const retry = (lost && (this.reached || errorCode(error) !== 'ECONNREFUSED')) || isSerializationFailure(error);
        if (!retry || Date.now() + 50 > deadline) throw this.failure(error);
        await sleep(backoffDelayMs({ ...BACKOFF, attempt, random: Math.random() }));
      }
    }
  }

  /** One read outside an explicit transaction (retried like one). */
  async query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.transaction('READ COMMITTED', (tx) => tx.query<R>(sql, params), true);
  }

  private failure(error: unknown): Error {
    if (isSerializationFailure(error)) {
      return new ServiceError('CA_DATABASE_BUSY', `cannot write the CA store ${this.where}: other nodes kept conflicting for ${RETRY_LIMIT_MS / 1000}s. Retry.`, { cause: error });
    }
    // Errors the operation raised on purpose (IamraError) pass through unchanged.
    if (error instanceof Error && 'exitCode' in error) return error;
    return describePostgresError(error, this.where);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

function queryable(client: PoolClient): Queryable {
  return { query: async (sql, params) => (await client.query(sql, params)).rows };
}

/** Rolls back and returns the client; a broken connection is destroyed instead of reused. */
async function rollback(client: PoolClient, lost: boolean, onError: () => void): Promise<void> {
  let broken: Error | boolean = lost;
  if (!lost) {
    try {
      await client.query('ROLLBACK');
    } catch (error) {
      broken = error instanceof Error ? error : true;
    }
  }
  client.off('error', onError);
  client.release(broken);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
