// SQLite state (`--state FILE`), so trust anchors, profiles, CRLs, subjects and roles survive
// restarts. Reads are served from memory; every write goes through to the file first.
import type Database from 'better-sqlite3';
import { MemoryStore } from './memory-store.js';
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
  private readonly cache = new MemoryStore();
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;

  private constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
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

  /** Opens (creating if needed) the state file. better-sqlite3 loads only when state is on disk. */
  static async open(path: string): Promise<SqliteStore> {
    const { default: open } = await import('better-sqlite3');
    return new SqliteStore(open(path));
  }

  get<K extends ResourceKind>(kind: K, id: string): Readonly<ResourceRecords[K]> | undefined {
    return this.cache.get(kind, id);
  }

  list<K extends ResourceKind>(kind: K): ReadonlyArray<Readonly<ResourceRecords[K]>> {
    return this.cache.list(kind);
  }

  put<K extends ResourceKind>(kind: K, id: string, record: ResourceRecords[K]): void {
    this.upsert.run(kind, id, JSON.stringify(record));
    this.cache.put(kind, id, record);
  }

  delete(kind: ResourceKind, id: string): boolean {
    this.remove.run(kind, id);
    return this.cache.delete(kind, id);
  }

  close(): void {
    this.db.close();
  }
}
