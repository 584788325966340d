// SQLite's result codes in words for a user's line (issue 8: raw SQLite text never reaches one).
// Shared by the CA database and the emulator's state file, both better-sqlite3.

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
