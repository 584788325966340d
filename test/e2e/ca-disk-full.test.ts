// A full disk, for real: the CA lives on a small tmpfs filled to the last byte. `issue` (SQLite
// cannot grow its WAL index, SQLITE_IOERR_SHMSIZE; or, with 40 KiB left, SQLITE_FULL writing the
// log), `export --out` and `ca init` (ENOSPC from the atomic writer) each end with one line,
// DISK_FULL (exit 3), naming the file and saying to free space; nothing is committed or left
// half-written. Once space is freed the same CA issues again and every certificate is intact.
// Needs root and `mount -t tmpfs`; skipped otherwise.
import { cpSync, existsSync, readdirSync, rmSync, statfsSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, openssl, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';
import { fillDisk, mountTmpfs, unmountTmpfs } from '../support/full-disk.js';

const mount = mountTmpfs('16m');
let work: string;
let caDir: string;
let issued: string[];

const serials = (cwd: string) => (JSON.parse(iamra(cwd, ['list', '--ca', 'ca', '--json']).stdout) as Array<{ serial: string }>).map((c) => c.serial).sort();

beforeAll(() => {
  if (!mount) return;
  work = tempDir('iamra-disk-full-');
  caDir = createCa(mount);
  opensslCsr(mount, 'w');
  const result = iamra(mount, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '5', '--json']);
  expect(result.status).toBe(0);
  issued = (JSON.parse(result.stdout) as Array<{ serial: string }>).map((c) => c.serial).sort();
  // A copy off the full disk, to export from onto it.
  cpSync(caDir, join(work, 'ca'), { recursive: true });
  fillDisk(join(mount, 'filler'));
});

afterAll(() => {
  if (!mount) return;
  unmountTmpfs(mount);
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!mount)('a full disk (tmpfs)', () => {
  it('issue: DISK_FULL with the database path, nothing committed', () => {
    const result = iamra(mount!, ['issue', '--ca', 'ca', '--csr', 'w.csr']);
    expect(result.stdout).toBe('');
    expect(expectUserError(result, 3)).toBe(
      `iamra: cannot write CA database ${join(caDir, 'ca.db')}: the disk or filesystem holding it is full. Free space on it and rerun; the change that failed was rolled back, and what was stored before it is intact.`,
    );
  });

  it('export --out onto the full disk: DISK_FULL, no file left', () => {
    const out = join(mount!, 'out.pem');
    const result = iamra(work, ['export', issued[0]!, '--ca', 'ca', '--out', out]);
    expect(expectUserError(result, 3)).toBe(`iamra: cannot write the output file ${out}: the disk or filesystem holding it is full. Free space on it and rerun; nothing was written to it.`);
    expect(existsSync(out)).toBe(false);
  });

  it('ca init on the full disk: DISK_FULL, no CA file left', () => {
    const result = iamra(mount!, ['ca', 'init', '--ca', 'new', '--subject', 'CN=New CA', '--key-type', 'ec-p256']);
    expect(expectUserError(result, 3)).toMatch(/^iamra: cannot write the output file \/.*\/new\/ca\.key: the disk or filesystem holding it is full\. Free space on it and rerun; nothing was written to it\.$/);
    expect(readdirSync(join(mount!, 'new'))).toEqual([]);
  });

  it('issue with room for the WAL index but not the commit: SQLITE_FULL is DISK_FULL too, nothing committed', () => {
    const filler = join(mount!, 'filler');
    truncateSync(filler, statSync(filler).size - 40 * 1024);
    const free = statfsSync(mount!);
    expect(free.bavail * free.bsize).toBe(40 * 1024);
    const result = iamra(mount!, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--debug']);
    const [line, cause] = result.stderr.split('\n');
    expect([result.status, line]).toEqual([3, `iamra: cannot write CA database ${join(caDir, 'ca.db')}: the disk or filesystem holding it is full. Free space on it and rerun; the change that failed was rolled back, and what was stored before it is intact.`]);
    // SQLite's own text for SQLITE_FULL, shown only under --debug.
    expect(cause).toBe('SqliteError: database or disk is full');
  });

  it('space freed: the CA issues again, every certificate before it intact and none half-written', () => {
    rmSync(join(mount!, 'filler'));
    expect(sqlite(caDir, 'PRAGMA integrity_check')).toBe('ok');
    expect(serials(mount!)).toEqual(issued);
    const again = iamra(mount!, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--cert-out', 'again.pem']);
    expect(again.status).toBe(0);
    expect(openssl(['verify', '-CAfile', join(caDir, 'ca.crt'), 'again.pem'], mount!).stdout).toBe('again.pem: OK\n');
    const after = serials(mount!);
    expect(after).toHaveLength(issued.length + 1);
    expect(after).toEqual(expect.arrayContaining(issued));
    // One audit entry per certificate stored, none for the refused issue.
    expect(Number(sqlite(caDir, "SELECT count(*) FROM audit_log WHERE action = 'certificate.issue'"))).toBe(after.length);
  });
});
