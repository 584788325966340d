// Opens the CA's SQLite database: WAL, busy timeout, foreign keys, and schema migrations.
import Database from 'better-sqlite3';
import { InternalError, InputError } from '../../../errors.js';
import { MIGRATIONS } from './migrations.js';
import { immediate } from './transaction.js';
import { describeSqliteError, sqliteCode } from '../../../io/describe-sqlite-error.js';
import { asDamageError } from './report-damage.js';

export type SqliteDatabase = Database.Database;

/** How long one statement waits for a lock before SQLITE_BUSY, in milliseconds. */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenDatabaseOptions {
  create: boolean;
  /**
   * SQLite's synchronous setting. NORMAL survives a crash of the process but may lose the last
   * commits to a power loss; it exists only so benchmarks can compare with tools that never fsync.
   * @default 'FULL'
   */
  synchronous?: 'FULL' | 'NORMAL';
}

export function openDatabase(path: string, options: OpenDatabaseOptions): SqliteDatabase {
  let db: SqliteDatabase;
  try {
    db = new Database(path, { fileMustExist: !options.create });
  } catch (error) {
    throw unreadable(path, error);
  }
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    // FULL, not NORMAL: NORMAL in WAL mode may lose the last commits to a power loss, and a CA
    // must never forget a certificate it handed out or a revocation it reported as done.
    db.pragma(`synchronous = ${options.synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    // SQLite reads the header only at the first statement: a file that is no database fails here.
    const code = sqliteCode(error);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') throw unreadable(path, error);
    throw asDamageError(error, path);
  }
  try {
    migrate(db, path);
  } catch (error) {
    db.close();
    throw asDamageError(error, path);
  }
  return db;
}

function unreadable(path: string, error: unknown): InputError {
  return new InputError('CA_DATABASE_UNREADABLE', `cannot open CA database ${path}: ${describeSqliteError(error)}. Check --ca.`, { cause: error });
}

function migrate(db: SqliteDatabase, path: string): void {
  const version = () => db.pragma('user_version', { simple: true }) as number;
  if (version() > MIGRATIONS.length) {
    throw new InputError('CA_DATABASE_TOO_NEW', `cannot use CA database ${path}: schema version ${version()} is newer than this iamra (${MIGRATIONS.length}). Upgrade iamra.`);
  }
  while (version() < MIGRATIONS.length) {
    immediate(db, () => {
      const current = version();
      if (current >= MIGRATIONS.length) return;
      const sql = MIGRATIONS[current];
      if (sql === undefined) throw new InternalError('MIGRATION_MISSING', `no migration from schema version ${current}`);
      db.exec(sql);
      db.pragma(`user_version = ${current + 1}`);
    });
  }
}
