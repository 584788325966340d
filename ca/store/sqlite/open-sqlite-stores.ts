// Opens the CA's SQLite database once and serves both store ports over that one connection.
import type { CaStores, OpenStoresOptions } from '../ca-stores.js';
import { describeSqliteError, sqliteCode } from './describe-sqlite-error.js';
import { openDatabase } from './open-database.js';
import { sqliteCertStore } from './sqlite-cert-store.js';
import { sqlitePublishStore } from './sqlite-publish-store.js';

export function openSqliteStores(path: string, options: OpenStoresOptions): CaStores {
  const db = openDatabase(path, options);
  return {
    certStore: sqliteCertStore(db),
    publishStore: sqlitePublishStore(db),
    close: async () => {
      db.close();
    },
    backupTo: async (path) => {
      await db.backup(path);
    },
    integrityProblems: async () => {
      let rows: string[];
      try {
        rows = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
      } catch (error) {
        // Damage to a page the check itself needs (the schema, a b-tree root) stops it with an error.
        const code = sqliteCode(error);
        if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return [describeSqliteError(error)];
        throw error;
      }
      return rows.length === 1 && rows[0] === 'ok' ? [] : rows;
    },
  };
}
