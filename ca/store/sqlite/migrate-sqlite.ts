// `ca migrate` on SQLite: the schema version before, then the upgrade openDatabase does on open.
import Database from 'better-sqlite3';
import { openDatabase } from './open-database.js';

export function migrateSqlite(path: string): { from: number; to: number } {
  let from: number;
  try {
    const probe = new Database(path, { fileMustExist: true, readonly: true });
    try {
      from = probe.pragma('user_version', { simple: true }) as number;
    } finally {
      probe.close();
    }
  } catch {
    // openDatabase below reports an unreadable file in its own words.
    from = 0;
  }
  const db = openDatabase(path, { create: false });
  try {
    return { from, to: db.pragma('user_version', { simple: true }) as number };
  } finally {
    db.close();
  }
}
