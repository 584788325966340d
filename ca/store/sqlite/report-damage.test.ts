// reportDamage: which SQLite codes mean a damaged CA database, and that damage met in a call, in
// its promise or while iterating its rows, is CA_DATABASE_DAMAGED (the CLI side: test/e2e/ca-damaged-database.test.ts).
import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors.js';
import { DUMP_TABLES } from '../store-dump.js';
import { audit, certificate } from '../store-contract-support.js';
import { asDamageError } from './report-damage.js';
import { openSqliteStoreDump } from './sqlite-store-dump.js';
import { openSqliteStores } from './open-sqlite-stores.js';

describe('asDamageError', () => {
  it.each(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_VTAB', 'SQLITE_NOTADB'])('%s is a damaged database', (code) => {
    const error = asDamageError(new Database.SqliteError('database disk image is malformed', code), '/srv/ca/ca.db');
    expect(error).toMatchObject({ code: 'CA_DATABASE_DAMAGED', exitCode: 3 });
    expect((error as Error).message).toBe('cannot use CA database /srv/ca/ca.db: it is damaged. Restore the CA from an "iamra ca backup" file ("iamra ca restore FILE --ca NEW_DIR"), or salvage what is left with "sqlite3 /srv/ca/ca.db .recover | sqlite3 recovered.db".');
  });

  it.each(['SQLITE_IOERR', 'SQLITE_IOERR_READ', 'SQLITE_IOERR_SHORT_READ', 'SQLITE_IOERR_FSYNC'])('%s is an I/O error on the database, the disk checked first', (code) => {
    const error = asDamageError(new Database.SqliteError('disk I/O error', code), '/srv/ca/ca.db');
    expect(error).toMatchObject({ code: 'CA_DATABASE_DAMAGED', exitCode: 3 });
    expect((error as Error).message).toMatch(/^cannot use CA database \/srv\/ca\/ca\.db: the disk reported an I\/O error on it\. Check the disk; if it persists, restore the CA from/);
  });

  it('SQLITE_FULL is DISK_FULL, naming the database (the real full disk: test/e2e/ca-disk-full.test.ts)', () => {
    const error = asDamageError(new Database.SqliteError('database or disk is full', 'SQLITE_FULL'), '/srv/ca/ca.db');
    expect(error).toMatchObject({ code: 'DISK_FULL', exitCode: 3 });
    expect((error as Error).message).toBe('cannot write CA database /srv/ca/ca.db: the disk or filesystem holding it is full. Free space on it and rerun; the change that failed was rolled back, and what was stored before it is intact.');
  });

  it('leaves every other error as it was', () => {
    for (const error of [new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'), new Database.SqliteError('database is locked', 'SQLITE_BUSY'), new Error('bug'), new InputError('X', 'x')]) {
      expect(asDamageError(error, 'ca.db')).toBe(error);
    }
  });
});

/** A CA database holding enough certificates for several pages, its certificates table's root page overwritten. */
async function damagedDatabase(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'iamra-damage-')), 'ca.db');
  const stores = openSqliteStores(path, { create: true });
  for (let i = 0; i < 40; i++) await stores.certStore.insertCertificate({ ...certificate(i.toString(16).padStart(2, '0')), der: Buffer.alloc(500, i) }, audit('i'));
  await stores.close();
  const db = new Database(path, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'certificates'").pluck().get() as number;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (root - 1) * pageSize);
  closeSync(fd);
  return path;
}

describe('reportDamage at the adapter boundary', () => {
  it('reports damage a store method meets, and leaves the undamaged tables usable', async () => {
    const path = await damagedDatabase();
    const stores = openSqliteStores(path, { create: false });
    await expect(stores.certStore.listCertificates({ now: new Date() })).rejects.toMatchObject({ code: 'CA_DATABASE_DAMAGED' });
    await expect(stores.certStore.insertCertificate(certificate('ff'), audit('i'))).rejects.toMatchObject({ code: 'CA_DATABASE_DAMAGED' });
    expect(await stores.certStore.auditLog()).toHaveLength(40);
    expect(await stores.integrityProblems!()).not.toEqual([]);
    await stores.close();
  });

  it('reports damage met while iterating the rows a dump returns', async () => {
    const dump = openSqliteStoreDump(await damagedDatabase(), false);
    const table = DUMP_TABLES.find((t) => t.name === 'certificates')!;
    const read = async () => {
      for await (const row of dump.rows(table)) expect(row).toBeDefined();
    };
    await expect(read()).rejects.toMatchObject({ code: 'CA_DATABASE_DAMAGED' });
    await dump.close();
  });
});
