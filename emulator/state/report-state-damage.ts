// Damage SQLite meets in the emulator's state file after open (a page failing its checks, an I/O
// error) as EMULATOR_STATE_DAMAGED, and a full disk as DISK_FULL: one clear line naming the file
// and what to do, at startup (the emulator reads all its state when it opens) or in the log of the
// request whose write met it.
import { resolve } from 'node:path';
import { IamraError, InputError } from '../../errors.js';
import { sqliteFileFailure } from '../../io/describe-sqlite-error.js';
import { diskFullError } from '../../io/disk-full-error.js';
import { reportPortErrors } from '../../io/report-port-errors.js';

/** `error` as EMULATOR_STATE_DAMAGED or DISK_FULL (exit 3) for the state file at `path`; any other error unchanged. */
export function asStateDamageError(error: unknown, path: string): unknown {
  if (error instanceof IamraError) return error;
  const failure = sqliteFileFailure(error, path);
  if (failure === undefined) return error;
  if (failure === 'full') return diskFullError({ what: 'the emulator state file', path, outcome: 'the change that failed was not stored', cause: error });
  const file = resolve(path);
  const reason = failure === 'damaged' ? 'it is damaged' : 'the disk reported an I/O error on it';
  const check = failure === 'io-error' ? 'Check the disk, then stop' : 'Stop';
  return new InputError('EMULATOR_STATE_DAMAGED', `cannot use the emulator state file: ${reason} (${file}). ${check} the emulator and restore the file from a copy, or delete it (with its -wal and -shm files) to start from empty state and create the resources again; "sqlite3 ${file} .recover | sqlite3 recovered.db" salvages what is left.`, { cause: error });
}

/** `store` with the SQLite damage or full disk its methods meet reported for the state file at `path`. */
export function reportStateDamage<T extends object>(store: T, path: string): T {
  return reportPortErrors(store, (error) => asStateDamageError(error, path));
}
