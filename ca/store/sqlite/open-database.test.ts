// openDatabase: the durability and locking settings every CA command relies on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from './open-database.js';

describe('openDatabase', () => {
  it('opens in WAL mode with synchronous=FULL, so a reported issue or revocation survives a power loss', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'iamra-db-')), 'ca.db'), { create: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // SQLite's numbering: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });
});
