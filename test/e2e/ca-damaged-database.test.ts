// A CA database damaged after it opens (a page of the certificates table overwritten, page 1
// intact): every command that meets the damage says so in one line, CA_DATABASE_DAMAGED (exit 3),
// with the database path and how to get the CA back, and changes no file. The advice works.
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync, closeSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;
let serial: string;

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

function pageType(path: string, pageSize: number, page: number): number {
  const fd = openSync(path, 'r');
  try {
    const byte = Buffer.alloc(1);
    readSync(fd, byte, 0, 1, (page - 1) * pageSize);
    return byte[0]!;
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
  serial = (JSON.parse(issued.stdout) as Array<{ serial: string }>)[20]!.serial;
  expect(iamra(dir, ['ca', 'backup', '--ca', 'ca', '--out', 'before.backup']).status).toBe(0);
  const { pageSize, tableRoot, roots } = certificatePages();
  const database = join(caDir, 'ca.db');
  // The rows span several pages: the table's root is an interior b-tree page (type 5), and no
  // write-ahead log holds newer copies of the pages damaged below.
  expect(pageType(database, pageSize, tableRoot)).toBe(0x05);
  expect(Math.min(...roots)).toBeGreaterThan(1);
  expect(existsSync(`${database}-wal`)).toBe(false);
  damagePages(database, pageSize, roots);
  expect(statSync(database).size).toBeGreaterThan(pageSize * Math.max(...roots) - 1);
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

  it('the advice works: the earlier backup restores into a new directory that lists every certificate', () => {
    expect(iamra(dir, ['ca', 'restore', 'before.backup', '--ca', 'restored']).status).toBe(0);
    const listed = iamra(dir, ['list', '--ca', 'restored', '--json']);
    expect(listed.stderr).toBe('');
    expect(JSON.parse(listed.stdout)).toHaveLength(40);
    expect(sqlite(join(dir, 'restored'), 'PRAGMA integrity_check')).toBe('ok');
  });
});
