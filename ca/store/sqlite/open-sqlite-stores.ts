// Opens the CA's SQLite database once and serves both store ports over that one connection.
import type { CaStores, OpenStoresOptions } from '../ca-stores.js';
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
  };
}
