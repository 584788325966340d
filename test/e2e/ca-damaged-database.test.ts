// A CA database damaged after it opens (a page of the certificates table overwritten, page 1
// intact): every command that meets the damage says so in one line, CA_DATABASE_DAMAGED (exit 3),
// with the database path and how to get the CA back, and changes no file. The advice works.
import { createHash } from 'node:crypto';
import { closeSync, cpSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;
let serial: string;
let firstSerial: string;
let lastSerial: string;

/** Name and SHA-256 of every file under `root`, to show that a failed command changed nothing. */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(root.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

/** The page size and the root page of the certificates table and of each of its indexes, from SQLite itself. */
function certificatePages(): { pageSize: number; tableRoot: number; roots: number[] } {
  const pageSize = Number(sqlite(caDir, 'PRAGMA page_size'));
  const tableRoot = Number(sqlite(caDir, "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'certificates'"));
  const roots = sqlite(caDir, "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'certificates' AND rootpage > 0 ORDER BY rootpage").split('\n').map(Number);
  return { pageSize, tableRoot, roots };
}

function readPage(path: string, pageSize: number, page: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const bytes = Buffer.alloc(pageSize);
    readSync(fd, bytes, 0, pageSize, (page - 1) * pageSize);
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Overwrites the b-tree page header (type, cell count, pointers) of each page: not a valid page any more. */
function damagePages(path: string, pageSize: number, pages: number[]): void {
  const fd = openSync(path, 'r+');
  try {
    for (const page of pages) writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

beforeAll(() => {
  dir = tempDir('iamra-damaged-db-');
  caDir = createCa(dir);
  opensslCsr(dir, 'w');
  const issued = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '40', '--json']);
  expect(issued.status).toBe(0);
  const serials = (JSON.parse(issued.stdout) as Array<{ serial: string }>).map((c) => c.serial);
  [firstSerial, serial, lastSerial] = [serials[0]!, serials[20]!, serials[39]!];
  expect(iamra(dir, ['ca', 'backup', '--ca', 'ca', '--out', 'before.backup']).status).toBe(0);
  const { pageSize, tableRoot, roots } = certificatePages();
  const database = join(caDir, 'ca.db');
  // The rows span several pages: the table's root is an interior b-tree page (type 5), and no
  // write-ahead log holds newer copies of the pages damaged below.
  const root = readPage(database, pageSize, tableRoot);
  expect(root[0]).toBe(0x05);
  expect(Math.min(...roots)).toBeGreaterThan(1);
  expect(existsSync(`${database}-wal`)).toBe(false);
  expect(statSync(database).size).toBeGreaterThan(pageSize * Math.max(...roots) - 1);
  // A copy with one leaf damaged: the root's right-most child (header bytes 8-11), which holds
  // the newest rows and takes the next insert.
  cpSync(caDir, join(dir, 'leaf'), { recursive: true });
  const rightmost = root.readUInt32BE(8);
  expect(rightmost).toBeGreaterThan(1);
  damagePages(join(dir, 'leaf', 'ca.db'), pageSize, [rightmost]);
  damagePages(database, pageSize, roots);
});

describe('a CA database damaged after open', () => {
  it.each([
    ['list', () => ['list']],
    ['show SERIAL', () => ['show', serial]],
    ['issue', () => ['issue', '--csr', 'w.csr', '--subject', 'CN=after-damage', '--cert-out', 'after.crt']],
    ['revoke', () => ['revoke', serial, '--reason', 'keyCompromise']],
    ['renew', () => ['renew', serial, '--csr', 'w.csr', '--cert-out', 'renewed.crt']],
    ['crl generate', () => ['crl', 'generate', '--out', 'after.crl']],
    ['ca backup', () => ['ca', 'backup', '--out', 'after.backup']],
    ['ca export-store', () => ['ca', 'export-store', '--to', 'sqlite:exported.db']],
  ])('%s: CA_DATABASE_DAMAGED in one line (exit 3), and no file changed', (_name, args) => {
    const before = snapshot(dir);
    const line = expectUserError(iamra(dir, [...args(), '--ca', 'ca']), 3);
    expect(line).toContain(`cannot use CA database ${join(caDir, 'ca.db')}: `);
    expect(line).toMatch(/damaged|integrity check/);
    expect(line).toContain('"iamra ca restore FILE --ca NEW_DIR"');
    expect(line).toContain('.recover');
    expect(snapshot(dir)).toEqual(before);
  });

  it.each([
    ['list', () => ['list']],
    ['show SERIAL of a row on the damaged leaf', () => ['show', lastSerial]],
    ['issue', () => ['issue', '--csr', 'w.csr', '--subject', 'CN=after-damage', '--cert-out', 'after.crt']],
  ])('one damaged leaf page: %s is CA_DATABASE_DAMAGED, no file changed', (_name, args) => {
    const before = snapshot(dir);
    const line = expectUserError(iamra(dir, [...args(), '--ca', 'leaf']), 3);
    expect(line).toContain(`iamra: cannot use CA database ${join(dir, 'leaf', 'ca.db')}: it is damaged. Restore the CA from`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('one damaged leaf page: a row on an undamaged page still shows', () => {
    const shown = iamra(dir, ['show', firstSerial, '--ca', 'leaf']);
    expect(shown.stderr).toBe('');
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(firstSerial);
  });

  it('the advice works: the earlier backup restores into a new directory that lists every certificate', () => {
    expect(iamra(dir, ['ca', 'restore', 'before.backup', '--ca', 'restored']).status).toBe(0);
    const listed = iamra(dir, ['list', '--ca', 'restored', '--json']);
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toHaveLength(40);
    expect(sqlite(join(dir, 'restored'), 'PRAGMA integrity_check')).toBe('ok');
  });
});
