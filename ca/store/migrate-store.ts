// `ca migrate`: creates or upgrades a store's schema, back-end neutral. SQLite upgrades itself on
// open as well; PostgreSQL only here (and at `ca init`), since other nodes may run an older iamra.
import type { StoreLocation } from '../ca-config.js';

export interface StoreMigration {
  /** Schema version before (0: no schema). */
  from: number;
  to: number;
}

export async function migrateStore(location: StoreLocation): Promise<StoreMigration> {
  switch (location.scheme) {
    case 'sqlite': return (await import('./sqlite/migrate-sqlite.js')).migrateSqlite(location.path);
    case 'postgres': {
      const { openPostgresDatabase } = await import('./postgres/open-postgres-stores.js');
      const { migratePostgres } = await import('./postgres/postgres-schema.js');
      const db = openPostgresDatabase(location.url);
      try {
        return await migratePostgres(db);
      } finally {
        await db.close();
      }
    }
  }
}
