// `iamra list`, `show`, `export` and `ca show`: the inventory, as text and as stable JSON.
import { readFileSync, statSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;
const serial: Record<string, string> = {};

interface Listed {
  serial: string;
  subject: string;
  status: string;
  notBefore: string;
  notAfter: string;
}

function list(args: string[] = []): Listed[] {
  const result = iamra(dir, ['list', '--ca', 'ca', '--json', ...args]);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Listed[];
}

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'w');
  for (const [name, validity] of [['alpha', '30d'], ['beta', '7d'], ['gamma_1', '90d'], ['delta%', '1d']] as const) {
    const result = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--subject', `CN=${name.replace('%', '')},O=Example`, '--validity', validity, '--json', '--allow-untaggable']);
    serial[name] = (JSON.parse(result.stdout) as { serial: string }).serial;
  }
  iamra(dir, ['revoke', '--ca', 'ca', serial.beta!, '--reason', 'superseded']);
  sqlite(caDir, `UPDATE certificates SET not_after = '2021-01-01T00:00:00.000Z' WHERE serial = '${serial['delta%']}'`);
});

describe('list', () => {
  it('gives every certificate with serial, subject, status and ISO-8601 dates', () => {
    const all = list();
    expect(all).toHaveLength(4);
    for (const c of all) {
      expect(c.serial).toMatch(/^[0-9a-f]{32}$/);
      expect(new Date(c.notBefore).toISOString()).toBe(c.notBefore);
      expect(new Date(c.notAfter).toISOString()).toBe(c.notAfter);
    }
    expect(Object.fromEntries(all.map((c) => [c.subject, c.status]))).toEqual({
      'CN=alpha, O=Example': 'valid', 'CN=beta, O=Example': 'revoked', 'CN=gamma_1, O=Example': 'valid', 'CN=delta, O=Example': 'expired',
    });
  });

  it('filters by status, expiry window and subject', () => {
    expect(list(['--status', 'valid']).map((c) => c.serial).sort()).toEqual([serial.alpha, serial.gamma_1].sort());
    expect(list(['--status', 'expired']).map((c) => c.serial)).toEqual([serial['delta%']]);
    // #9: an expiry window lists what is about to expire, not what expired already (unless asked).
    expect(list(['--expiring-within', '14d']).map((c) => c.serial)).toEqual([serial.beta]);
    expect(list(['--expiring-within', '14d', '--include-expired']).map((c) => c.serial).sort()).toEqual([serial.beta, serial['delta%']].sort());
    expect(list(['--expiring-within', '14d', '--status', 'expired']).map((c) => c.serial)).toEqual([serial['delta%']]);
    expect(list(['--subject-like', 'gamma_']).map((c) => c.serial)).toEqual([serial.gamma_1]);
    expect(list(['--subject-like', 'CN=a*']).map((c) => c.serial)).toEqual([serial.alpha]);
    expect(list(['--subject-like', '%'])).toEqual([]);
  });

  it('prints a header row and one line per certificate without --json', () => {
    const lines = iamra(dir, ['list', '--ca', 'ca', '--status', 'revoked']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^SERIAL +STATUS +NOT AFTER +TEMPLATE +SUBJECT$/);
    expect(lines[1]).toMatch(new RegExp(`^${serial.beta}  revoked  \\S+  -         CN=beta, O=Example$`));
  });

  it('refuses an unknown status with a usage error', () => {
    const result = iamra(dir, ['list', '--ca', 'ca', '--status', 'lost']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("argument 'lost' is invalid");
  });
});

describe('show and export', () => {
  it('shows a certificate with its revocation details', () => {
    const shown = JSON.parse(iamra(dir, ['show', '--ca', 'ca', serial.beta!, '--json']).stdout) as Record<string, string>;
    expect(shown).toMatchObject({ serial: serial.beta, status: 'revoked', revocationReason: 'superseded', issuer: 'CN=Test CA, O=Example' });
    expect(iamra(dir, ['show', '--ca', 'ca', serial.alpha!.toUpperCase()]).stdout).toContain('status: valid');
  });

  it('exports PEM to stdout and DER to a file', () => {
    const pem = iamra(dir, ['export', '--ca', 'ca', serial.alpha!]).stdout;
    const cert = new X509Certificate(pem);
    expect(cert.serialNumber.toLowerCase()).toBe(serial.alpha);
    expect(iamra(dir, ['export', '--ca', 'ca', serial.alpha!, '--der', '--out', 'alpha.der']).status).toBe(0);
    expect(readFileSync(join(dir, 'alpha.der')).equals(cert.raw)).toBe(true);
    expect(expectUserError(iamra(dir, ['export', '--ca', 'ca', serial.alpha!, '--out', 'alpha.der']), 3)).toContain('already exists');
  });
});

describe('ca audit', () => {
  it('lists every change with who, when and what, and never key material', () => {
    const entries = JSON.parse(iamra(dir, ['ca', 'audit', '--ca', 'ca', '--json']).stdout) as Array<{ action: string; actor: string; serial: string | null; detail: Record<string, unknown> }>;
    expect(entries.map((e) => e.action)).toEqual(['ca.init', 'certificate.issue', 'certificate.issue', 'certificate.issue', 'certificate.issue', 'certificate.revoke']);
    expect(entries[5]).toMatchObject({ serial: serial.beta, detail: { reason: 'superseded', subject: 'CN=beta, O=Example' } });
    expect(entries[0]!.actor).toMatch(/^\S+@\S+ pid \d+$/);
    const raw = iamra(dir, ['ca', 'audit', '--ca', 'ca']).stdout;
    expect(raw.trimEnd().split('\n')).toHaveLength(6);
    expect(raw).not.toMatch(/PRIVATE KEY|correct horse/);
    expect(JSON.parse(iamra(dir, ['ca', 'audit', '--ca', 'ca', '--json', '--last', '1']).stdout)).toHaveLength(1);
  });
});

describe('ca show', () => {
  it('describes the trust anchor', () => {
    const shown = JSON.parse(iamra(dir, ['ca', 'show', '--ca', 'ca', '--json']).stdout) as Record<string, unknown>;
    expect(shown).toMatchObject({ subject: 'CN=Test CA, O=Example', issuer: 'CN=Test CA, O=Example', isSelfSigned: true, keyType: 'ec-p256' });
    const cert = new X509Certificate(readFileSync(join(caDir, 'ca.crt')));
    expect(shown.sha256Fingerprint).toBe(cert.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(iamra(dir, ['ca', 'show', '--ca', 'ca', '--pem']).stdout).toBe(readFileSync(join(caDir, 'ca.crt'), 'utf8'));
  });

  it('uses ./iamra-ca when neither --ca nor $IAMRA_CA_DIR is given', () => {
    const fresh = tempDir();
    expect(iamra(fresh, ['ca', 'init', '--subject', 'CN=Default Dir']).status).toBe(0);
    expect(statSync(join(fresh, 'iamra-ca', 'ca.db')).isFile()).toBe(true);
    expect(JSON.parse(iamra(fresh, ['ca', 'show', '--json']).stdout)).toMatchObject({ subject: 'CN=Default Dir' });
  });

  it('uses $IAMRA_CA_DIR when --ca is absent', () => {
    const result = iamra(dir, ['ca', 'show', '--json'], { IAMRA_CA_DIR: caDir });
    expect(JSON.parse(result.stdout)).toMatchObject({ certificateFile: join(caDir, 'ca.crt') });
    expect(statSync(join(caDir, 'ca.db')).isFile()).toBe(true);
  });
});
