// Damage SQLite meets after open (a page failing its checks, an I/O error on the file) as one
// user error, at the adapter boundary: every store operation runs through reportDamage.
import { resolve } from 'node:path';
import { IamraError, InputError } from '../../../errors.js';
import { sqliteCode } from './describe-sqlite-error.js';

/** Why the database is unusable, in words, for a SQLite code that means damage; else undefined. */
function damageReason(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'it is damaged';
  if (code.startsWith('SQLITE_IOERR')) return 'the disk reported an I/O error on it';
  return undefined;
}

/**
 * `error` as CA_DATABASE_DAMAGED (exit 3) when SQLite says the file at `path` is damaged or the disk
 * failed reading or writing it; any other error unchanged.
 */
export function asDamageError(error: unknown, path: string): unknown {
  if (error instanceof IamraError) return error;
  const code = sqliteCode(error);
  const reason = damageReason(code);
  if (reason === undefined) return error;
  return damagedDatabase(path, reason, { cause: error, isIoError: code?.startsWith('SQLITE_IOERR') === true });
}

/** CA_DATABASE_DAMAGED for the database at `path`, saying `reason` and how to get the CA back. */
export function damagedDatabase(path: string, reason: string, options: { cause?: unknown; isIoError?: boolean } = {}): InputError {
  const todo = options.isIoError ? 'Check the disk; if it persists, restore' : 'Restore';
  const file = resolve(path);
  return new InputError('CA_DATABASE_DAMAGED', `cannot use CA database ${file}: ${reason}. ${todo} the CA from an "iamra ca backup" file ("iamra ca restore FILE --ca NEW_DIR"), or salvage what is left with "sqlite3 ${file} .recover | sqlite3 recovered.db".`, { cause: options.cause });
}

async function* guardRows<T>(rows: AsyncIterable<T>, path: string): AsyncIterable<T> {
  try {
    yield* rows;
  } catch (error) {
    throw asDamageError(error, path);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function guardResult(result: unknown, path: string): unknown {
  if (result instanceof Promise) return result.catch((error: unknown) => { throw asDamageError(error, path); });
  if (isAsyncIterable(result)) return guardRows(result, path);
  return result;
}

/**
 * `port` with every method's SQLite damage (thrown, rejected, or met while iterating the rows it
 * returns) reported as CA_DATABASE_DAMAGED for the database at `path`.
 */
export function reportDamage<T extends object>(port: T, path: string): T {
  return new Proxy(port, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        try {
          result = Reflect.apply(value, target, args);
        } catch (error) {
          throw asDamageError(error, path);
        }
        return guardResult(result, path);
      };
    },
  });
}
