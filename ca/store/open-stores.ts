// Opens the store back end a CA's configuration names: sqlite:FILE or postgres://... Each back end
// loads only when used (import()), so pg is never loaded for an SQLite CA, nor the reverse.
import { existsSync } from 'node:fs';
import type { StoreLocation } from '../ca-config.js';
import type { CaStores, OpenStoresOptions } from './ca-stores.js';

export async function openStores(location: StoreLocation, options: OpenStoresOptions): Promise<CaStores> {
  switch (location.scheme) {
    case 'sqlite': return (await import('./sqlite/open-sqlite-stores.js')).openSqliteStores(location.path, options);
    case 'postgres': return (await import('./postgres/open-postgres-stores.js')).openPostgresStores(location.url, options);
  }
}

/** Whether a CA store is there to open; a database server is asked when opening (CA_NOT_FOUND). */
export function storeExists(location: StoreLocation): boolean {
  switch (location.scheme) {
    case 'sqlite': return existsSync(location.path);
    case 'postgres': return true;
  }
}
