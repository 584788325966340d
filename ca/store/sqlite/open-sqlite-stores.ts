// Opens the CA's SQLite database once and serves both store ports over that one connection;
// damage met by any operation after open is reported as CA_DATABASE_DAMAGED (report-damage.ts).
import Database from 'better-sqlite3';
import type { CaStores, OpenStoresOptions } from '../ca-stores.js';
import { describeSqliteError, sqliteCode } from '../../../io/describe-sqlite-error.js';
import { openDatabase, type SqliteDatabase } from './open-database.js';
import { damagedDatabase, reportDamage } from './report-damage.js';
import { sqliteCertStore } from './sqlite-cert-store.js';
import { sqlitePublishStore } from './sqlite-publish-store.js';

/** PRAGMA integrity_check's findings; empty when the database is sound. */
function integrityProblems(db: SqliteDatabase): string[] {
  let rows: string[];
  try {
    rows = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
  } catch (error) {
    // Damage to a page the check itself needs (the schema, a b-tree root) stops it with an error.
    const code = sqliteCode(error) ?? '';
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return [describeSqliteError(error)];
    throw error;
  }
  return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
}

/** SQLite's backup API copies pages as they are: a damaged source makes a damaged copy, so the copy is checked. */
async function backupChecked(db: SqliteDatabase, source: string, target: string): Promise<void> {
  await db.backup(target);
  const copy = new Database(target, { readonly: true, fileMustExist: true });
  let problems: string[];
  try {
    problems = integrityProblems(copy);
  } finally {
    copy.close();
  }
  const first = problems.flatMap((p) => p.split('\n')).find((p) => p.trim() !== '' && !p.startsWith('***'));
  if (first !== undefined) throw damagedDatabase(source, `it fails its integrity check (${first}), so a backup of it would not restore`);
}

export function openSqliteStores(path: string, options: OpenStoresOptions): CaStores {
  const db = openDatabase(path, options);
  const whole = reportDamage({
    backupTo: (target: string) => backupChecked(db, path, target),
    integrityProblems: async () => integrityProblems(db),
  }, path);
  return {
    certStore: reportDamage(sqliteCertStore(db), path),
    publishStore: reportDamage(sqlitePublishStore(db), path),
    close: async () => {
      db.close();
    },
    backupTo: whole.backupTo,
    integrityProblems: whole.integrityProblems,
  };
}
