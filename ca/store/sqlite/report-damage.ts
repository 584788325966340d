// Damage SQLite meets after open (a page failing its checks, an I/O error on the file) as one
// user error, and a full disk as another, at the adapter boundary: every store operation runs
// through reportDamage.
import { resolve } from 'node:path';
import { IamraError, InputError } from '../../../errors.js';
import { sqliteFileFailure } from '../../../io/describe-sqlite-error.js';
import { diskFullError } from '../../../io/disk-full-error.js';
import { reportPortErrors } from '../../../io/report-port-errors.js';

/**
 * `error` as CA_DATABASE_DAMAGED (exit 3) when SQLite says the file at `path` is damaged or the disk
 * failed reading or writing it, as DISK_FULL (exit 3) when the disk is full; any other error unchanged.
 */
export function asDamageError(error: unknown, path: string): unknown {
  if (error instanceof IamraError) return error;
  const failure = sqliteFileFailure(error, path);
  if (failure === undefined) return error;
  if (failure === 'full') return diskFullError({ what: 'CA database', path, outcome: 'the change that failed was rolled back, and what was stored before it is intact', cause: error });
  const reason = failure === 'damaged' ? 'it is damaged' : 'the disk reported an I/O error on it';
  return damagedDatabase(path, reason, { cause: error, isIoError: failure === 'io-error' });
}

/** CA_DATABASE_DAMAGED for the database at `path`, saying `reason` and how to get the CA back. */
export function damagedDatabase(path: string, reason: string, options: { cause?: unknown; isIoError?: boolean } = {}): InputError {
  const todo = options.isIoError ? 'Check the disk; if it persists, restore' : 'Restore';
  const file = resolve(path);
  return new InputError('CA_DATABASE_DAMAGED', `cannot use CA database ${file}: ${reason}. ${todo} the CA from an "iamra ca backup" file ("iamra ca restore FILE --ca NEW_DIR"), or salvage what is left with "sqlite3 ${file} .recover | sqlite3 recovered.db".`, { cause: options.cause });
}

/**
 * `port` with every method's SQLite damage or full disk (thrown, rejected, or met while iterating
 * the rows it returns) reported as CA_DATABASE_DAMAGED or DISK_FULL for the database at `path`.
 */
export function reportDamage<T extends object>(port: T, path: string): T {
  return reportPortErrors(port, (error) => asDamageError(error, path));
}
