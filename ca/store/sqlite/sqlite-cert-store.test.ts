// What only the SQLite back end does (the shared behaviour is in the contract suites): schema
// versioning in user_version, WAL, and an audit log that the database itself keeps append-only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations.js';
import { openSqliteStores } from './open-sqlite-stores.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');

function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'iamra-store-')), 'ca.db');
}

describe('schema', () => {
  it('migrates to the latest user_version in WAL mode, and reopening changes nothing', async () => {
    const path = freshPath();
    await openSqliteStores(path, { create: true }).close();
    await openSqliteStores(path, { create: false }).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('upgrades a schema-2 database in place, keeping its certificates', async () => {
    const path = freshPath();
    const old = new Database(path);
    for (const sql of MIGRATIONS.slice(0, 2)) old.exec(sql);
    old.pragma('user_version = 2');
    old.prepare("INSERT INTO certificates (serial, subject, not_before, not_after, issued_at, key_type, der) VALUES ('0a', 'CN=a', ?, ?, ?, 'ec-p256', x'01')")
      .run(NOW.toISOString(), NOW.toISOString(), NOW.toISOString());
    old.close();
    const stores = openSqliteStores(path, { create: false });
    expect(await stores.certStore.findCertificate('0a')).toMatchObject({ serialHex: '0a', subject: 'CN=a' });
    expect((await stores.certStore.findCertificate('0a'))?.renewedFrom).toBeUndefined();
    await stores.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database from a newer iamra', async () => {
    const path = freshPath();
    await openSqliteStores(path, { create: true }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStores(path, { create: false })).toThrow(expect.objectContaining({ code: 'CA_DATABASE_TOO_NEW' }));
  });

  it('refuses to create a database when asked to open one', () => {
    expect(() => openSqliteStores(freshPath(), { create: false })).toThrow(expect.objectContaining({ code: 'CA_DATABASE_UNREADABLE' }));
  });
});

describe('audit log', () => {
  it('is append-only at the database level', async () => {
    const path = freshPath();
    const stores = openSqliteStores(path, { create: true });
    await stores.certStore.putSettings({ 'ca.state': 'active' }, { at: NOW, actor: 'test', action: 'ca.init', detail: { note: 'ca.init' } });
    await stores.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor, action, detail FROM audit_log').all()).toEqual([{ actor: 'test', action: 'ca.init', detail: '{"note":"ca.init"}' }]);
    db.close();
  });
});
