// SQLite's result codes in words for a user's line (issue 8: raw SQLite text never reaches one).
// Shared by the CA database and the emulator's state file, both better-sqlite3; Node builtins
// only (it reads the error's code, it loads no driver).

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

/** The kind of file failure `error` is (SQLITE_CORRUPT*, SQLITE_NOTADB, SQLITE_IOERR*, SQLITE_FULL), or undefined. */
export function sqliteFileFailure(error: unknown): SqliteFileFailure | undefined {
  const code = sqliteCode(error);
  if (code === undefined) return undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) return 'damaged';
  if (code === 'SQLITE_FULL') return 'full';
  if (code.startsWith('SQLITE_IOERR')) return 'io-error';
  return undefined;
}
