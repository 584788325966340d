// SQLite state (`--state FILE`), so trust anchors, profiles, CRLs, subjects and roles survive
// restarts. Reads are served from memory; every write goes through to the file first.
// better-sqlite3 stays synchronous inside this adapter; the port's Promises resolve at once.
import type Database from 'better-sqlite3';
import { asStateDamageError } from './report-state-damage.js';
import { ResourceMaps } from './resource-maps.js';
import { RESOURCE_KINDS, type ResourceKind, type ResourceRecords, type StateStore } from './state-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS resources (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  body TEXT NOT NULL,
  UNIQUE (kind, id)
)`;

export class SqliteStore implements StateStore {
  private readonly cache = new ResourceMaps();
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    this.upsert = db.prepare('INSERT INTO resources (kind, id, body) VALUES (?, ?, ?) ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body');
    this.remove = db.prepare('DELETE FROM resources WHERE kind = ? AND id = ?');
    const rows = db.prepare('SELECT kind, id, body FROM resources ORDER BY seq').all() as Array<{ kind: string; id: string; body: string }>;
    for (const row of rows) {
      if ((RESOURCE_KINDS as readonly string[]).includes(row.kind)) {
        this.cache.put(row.kind as ResourceKind, row.id, JSON.parse(row.body) as never);
      }
    }
  }

  /**
   * Opens (creating if needed) the state file. better-sqlite3 loads only when state is on disk.
   * A file SQLite cannot open or whose header is no database fails with SQLite's own error; damage
   * met reading the state after that is EMULATOR_STATE_DAMAGED (report-state-damage.ts).
   */
  static async open(path: string): Promise<SqliteStore> {
    const { default: open } = await import('better-sqlite3');
    // Fail fast when another emulator holds the file rather than wait for its lock.
    const db = open(path, { timeout: 100 });
    try {
      // One emulator per state file: its memory view would go stale if another process wrote.
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    } catch (error) {
      db.close();
      throw error;
    }
    try {
      return new SqliteStore(db);
    } catch (error) {
      db.close();
      throw asStateDamageError(error, path);
    }
  }

  async get<K extends ResourceKind>(kind: K, id: string): Promise<Readonly<ResourceRecords[K]> | undefined> {
    return this.cache.get(kind, id);
  }

  async list<K extends ResourceKind>(kind: K): Promise<ReadonlyArray<Readonly<ResourceRecords[K]>>> {
    return this.cache.list(kind);
  }

  async put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): Promise<void> {
    this.upsert.run(kind, id, JSON.stringify(record));
    this.cache.put(kind, id, record);
  }

  async delete(kind: ResourceKind, id: string): Promise<boolean> {
    this.remove.run(kind, id);
    return this.cache.delete(kind, id);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
