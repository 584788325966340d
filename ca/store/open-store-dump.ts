// Opens the bulk port of a store back end (ca export-store), each back end loaded only when used.
import type { StoreLocation } from '../ca-config.js';
import type { StoreDump } from './store-dump.js';

/** `create`: the destination of an export (a new SQLite file, or a PostgreSQL schema made if absent). */
export async function openStoreDump(location: StoreLocation, create: boolean): Promise<StoreDump> {
  switch (location.scheme) {
    case 'sqlite': return (await import('./sqlite/sqlite-store-dump.js')).openSqliteStoreDump(location.path, create);
    case 'postgres': return (await import('./postgres/postgres-store-dump.js')).openPostgresStoreDump(location.url, create);
  }
}
