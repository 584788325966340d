// SQLite's result codes in words for a user's line (issue 8: raw SQLite text never reaches one).
// Shared by the CA database and the emulator's state file, both better-sqlite3; Node builtins
// only (it reads the error's code, it loads no driver).
import { dirname } from 'node:path';
import { hasNoSpaceLeft } from './disk-full-error.js';

/** The SQLite result code of a better-sqlite3 error (`SQLITE_BUSY`, ...), or undefined. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

export function describeSqliteError(error: unknown): string {
  const code = sqliteCode(error) ?? '';
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'it is not an SQLite database or it is damaged';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'another process holds it locked';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'SQLite cannot open it (a directory, or no permission)';
  if (code.startsWith('SQLITE_READONLY')) return 'it is read-only';
  if (code === 'SQLITE_FULL') return 'the disk is full';
  if (code.startsWith('SQLITE_IOERR')) return 'an I/O error while reading it';
  if (code === 'SQLITE_PERM' || code.startsWith('SQLITE_AUTH')) return 'permission denied';
  return 'SQLite refused it';
}

/** What a failure SQLite meets after open means for the file: damaged, an I/O error, a full disk. */
export type SqliteFileFailure = 'damaged' | 'io-error' | 'full';

/**
 * The kind of file failure `error` is for the database at `path`, or undefined. SQLite says
 * SQLITE_FULL for a full disk only where it writes the database or its log; growing the WAL index
 * (-shm) on a full disk is SQLITE_IOERR_SHMSIZE, and a failed write may be SQLITE_IOERR_WRITE, so
 * an I/O error on a filesystem with no space left counts as a full disk.
 */
export function sqliteFileFailure(error: unknown, path: string): SqliteFileFailure | undefined {
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'damaged';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return hasNoSpaceLeft(dirname(path)) ? 'full' : 'io-error';
  return undefined;
}
