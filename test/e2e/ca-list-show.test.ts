// #9 `list` (header row, empty result, --san, --template, --subject-attr, --sort, --limit) and
// `show`/`export` by certificate file or unique serial prefix, through the built CLI.
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;
const serial: Record<string, string> = {};

interface Listed {
  serial: string;
  subject: string;
  notAfter: string;
  sans: string[];
  template: string | null;
}

function list(args: string[] = []): Listed[] {
  const result = iamra(dir, ['list', '--ca', 'ca', '--json', ...args]);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as Listed[];
}

const serials = (args: string[]) => list(args).map((c) => c.serial);

function issue(name: string, args: string[]): void {
  const result = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--json', '--cert-out', `${name}.crt`, ...args]);
  if (result.status !== 0) throw new Error(result.stderr);
  serial[name] = (JSON.parse(result.stdout) as { serial: string }).serial;
}

beforeAll(() => {
  dir = tempDir('iamra-list-');
  createCa(dir);
  opensslCsr(dir, 'w');
  writeText(dir, 'web.json', JSON.stringify({ subjectDefaults: 'O=Example', requiredAttributes: ['CN'] }));
  if (iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'web', 'web.json']).status !== 0) throw new Error('template set failed');
  issue('web1', ['--subject', 'CN=web-1,OU=payments', '--san', 'dns:web.example.com', '--san', 'uri:spiffe://example.com/web', '--template', 'web', '--validity', '20d']);
  issue('web2', ['--subject', 'CN=web-2,OU=payments', '--san', 'dns:web2.example.com', '--template', 'web', '--validity', '5d']);
  issue('api', ['--subject', 'CN=api,OU=core,O=Example', '--san', 'ip:10.0.0.7', '--san', 'email:ops@example.com', '--validity', '60d']);
});

describe('list', () => {
  it('prints a header row with aligned columns', () => {
    const lines = iamra(dir, ['list', '--ca', 'ca']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const header = lines[0]!;
    expect(header).toMatch(/^SERIAL\s+STATUS\s+NOT AFTER\s+TEMPLATE\s+SUBJECT$/);
    for (const column of ['STATUS', 'NOT AFTER', 'TEMPLATE', 'SUBJECT']) {
      const at = header.indexOf(column);
      for (const line of lines.slice(1)) expect(line[at - 1], `${column} in ${line}`).toBe(' ');
      for (const line of lines.slice(1)) expect(line[at], `${column} in ${line}`).not.toBe(' ');
    }
    expect(lines[1]).toContain(`${serial.web1}  valid`);
    expect(lines[3]).toMatch(/  -  +CN=api, OU=core, O=Example$/);
  });

  it('says so, and exits 0, when nothing matches or nothing was issued', () => {
    const none = iamra(dir, ['list', '--ca', 'ca', '--subject-attr', 'OU=nobody']);
    expect([none.status, none.stdout, none.stderr]).toEqual([0, 'no certificates match these filters\n', '']);
    expect(list(['--subject-attr', 'OU=nobody'])).toEqual([]);
    const fresh = tempDir('iamra-list-empty-');
    createCa(fresh);
    expect(iamra(fresh, ['list', '--ca', 'ca']).stdout).toBe('no certificates issued by this CA yet\n');
  });

  it('filters by SAN: type:value, or a value of any type', () => {
    expect(serials(['--san', 'dns:web.example.com'])).toEqual([serial.web1]);
    expect(serials(['--san', 'DNS:WEB.example.com'])).toEqual([serial.web1]);
    expect(serials(['--san', 'web2.example.com'])).toEqual([serial.web2]);
    expect(serials(['--san', '10.0.0.7'])).toEqual([serial.api]);
    expect(serials(['--san', 'uri:spiffe://example.com/web'])).toEqual([serial.web1]);
    expect(serials(['--san', 'email:web.example.com'])).toEqual([]);
    expect(serials(['--san', 'web.example.com', '--san', 'uri:spiffe://example.com/web'])).toEqual([serial.web1]);
  });

  it('filters by template and by subject attribute', () => {
    expect(serials(['--template', 'web'])).toEqual([serial.web1, serial.web2]);
    expect(serials(['--template', 'none'])).toEqual([]);
    expect(serials(['--subject-attr', 'OU=payments'])).toEqual([serial.web1, serial.web2]);
    expect(serials(['--subject-attr', 'ou=payments', '--subject-attr', 'CN=web-2'])).toEqual([serial.web2]);
    expect(serials(['--subject-attr', 'O=Example'])).toEqual([serial.web1, serial.web2, serial.api]);
    expect(serials(['--subject-attr', 'CN=web'])).toEqual([]);
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--subject-attr', 'payments']), 2)).toContain('invalid --subject-attr "payments": not ATTR=VALUE');
  });

  it('sorts and limits', () => {
    const all = list();
    expect(all.map((c) => c.serial)).toEqual([serial.web1, serial.web2, serial.api]);
    expect(serials(['--sort', 'serial'])).toEqual([...all.map((c) => c.serial)].sort());
    expect(serials(['--sort', 'not-after'])).toEqual([serial.web2, serial.web1, serial.api]);
    expect(list(['--sort', 'subject']).map((c) => c.subject)).toEqual(['CN=api, OU=core, O=Example', 'O=Example, CN=web-1, OU=payments', 'O=Example, CN=web-2, OU=payments']);
    expect(serials(['--sort', 'not-after', '--limit', '2'])).toEqual([serial.web2, serial.web1]);
    expect(serials(['--limit', '1'])).toEqual([serial.web1]);
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--limit', '0']), 2)).toContain('invalid --limit "0"');
    expect(iamra(dir, ['list', '--ca', 'ca', '--sort', 'size']).status).toBe(2);
  });

  it('lists what expires within the window; --include-expired needs a window', () => {
    expect(serials(['--expiring-within', '7d'])).toEqual([serial.web2]);
    expect(serials(['--expiring-within', '30d', '--sort', 'not-after'])).toEqual([serial.web2, serial.web1]);
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--include-expired']), 2)).toContain('--expiring-within');
  });
});

describe('show and export', () => {
  it('take a certificate file, PEM or DER', () => {
    const pem = readFileSync(join(dir, 'api.crt'));
    writeFileSync(join(dir, 'api.der'), new X509Certificate(pem).raw);
    for (const file of ['api.crt', 'api.der']) {
      expect(JSON.parse(iamra(dir, ['show', '--ca', 'ca', file, '--json']).stdout)).toMatchObject({ serial: serial.api, sans: ['ip:10.0.0.7', 'email:ops@example.com'] });
    }
    expect(iamra(dir, ['export', '--ca', 'ca', 'api.der']).stdout).toBe(pem.toString('utf8'));
  });

  it('refuses a certificate file this CA did not issue', () => {
    const other = tempDir('iamra-show-other-');
    createCa(other);
    opensslCsr(other, 'x');
    expect(iamra(other, ['issue', '--ca', 'ca', '--csr', 'x.csr', '--cert-out', join(dir, 'foreign.crt')]).status).toBe(0);
    expect(expectUserError(iamra(dir, ['show', '--ca', 'ca', 'foreign.crt']), 3)).toMatch(/^iamra: certificate foreign\.crt \(serial [0-9a-f]+\) was not issued by this CA\. Check the file and --ca\.$/);
  });

  it('take a unique serial prefix, and name the candidates of an ambiguous one', () => {
    expect(JSON.parse(iamra(dir, ['show', '--ca', 'ca', serial.web2!.slice(0, 12), '--json']).stdout)).toMatchObject({ serial: serial.web2 });
    expect(new X509Certificate(iamra(dir, ['export', '--ca', 'ca', serial.api!.slice(0, 10)]).stdout).serialNumber.toLowerCase()).toBe(serial.api);
    // Serials start with 0-7: of nine certificates, two share their first digit.
    const more = JSON.parse(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--subject', 'CN=bulk', '--count', '6', '--json']).stdout) as Array<{ serial: string }>;
    const everyone = [...Object.values(serial), ...more.map((c) => c.serial)];
    const digit = [...'01234567'].find((d) => everyone.filter((s) => s.startsWith(d)).length > 1)!;
    const matching = everyone.filter((s) => s.startsWith(digit)).sort();
    const line = expectUserError(iamra(dir, ['show', '--ca', 'ca', digit]), 3);
    expect(line).toBe(`iamra: serial prefix ${digit} is ambiguous: it matches ${matching.slice(0, 5).join(', ')}${matching.length > 5 ? ' and more' : ''}. Give more digits.`);
    expect(expectUserError(iamra(dir, ['show', '--ca', 'ca', '7fffffffff']), 3)).toMatch(/^iamra: no certificate 7fffffffff in this CA/);
  });
});
