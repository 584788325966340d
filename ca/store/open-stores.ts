// Opens the store back end a CA's configuration names. Adding a back end (postgres://...) is one
// case here and one folder beside sqlite/.
import { existsSync } from 'node:fs';
import type { StoreLocation } from '../ca-config.js';
import type { CaStores, OpenStoresOptions } from './ca-stores.js';
import { openSqliteStores } from './sqlite/open-sqlite-stores.js';

export function openStores(location: StoreLocation, options: OpenStoresOptions): CaStores {
  switch (location.scheme) {
    case 'sqlite': return openSqliteStores(location.path, options);
  }
}

/** Whether a CA store is there to open (a CA directory without one holds no CA). */
export function storeExists(location: StoreLocation): boolean {
  switch (location.scheme) {
    case 'sqlite': return existsSync(location.path);
  }
}
