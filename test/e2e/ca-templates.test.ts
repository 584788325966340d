// Issuance templates: `ca template set|list|show|delete` and `issue --template` enforcing them.
import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;

const WORKLOAD = {
  description: 'CI build agents',
  subjectDefaults: 'O=Example,OU=CI',
  requiredAttributes: ['CN', 'OU'],
  sanPatterns: ['dns:*.ci.example.com', 'uri:spiffe://example.com/ci/*'],
  keyTypes: ['ec-p256'],
  maxValidity: '7d',
  defaultValidity: '1d',
};

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'ec');
  opensslCsr(dir, 'rsa', { keyType: 'rsa-2048' });
  writeText(dir, 'workload.json', JSON.stringify(WORKLOAD));
  const set = iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'ci-agent', 'workload.json']);
  if (set.status !== 0) throw new Error(set.stderr);
});

function issue(args: string[]) {
  return iamra(dir, ['issue', '--ca', 'ca', '--template', 'ci-agent', ...args]);
}

describe('templates', () => {
  it('are listed and shown', () => {
    expect(iamra(dir, ['ca', 'template', 'list', '--ca', 'ca']).stdout).toBe('ci-agent\tCI build agents\n');
    expect(JSON.parse(iamra(dir, ['ca', 'template', 'show', '--ca', 'ca', 'ci-agent']).stdout)).toEqual(WORKLOAD);
    expect(JSON.parse(iamra(dir, ['ca', 'template', 'list', '--ca', 'ca', '--json']).stdout)).toEqual([{ name: 'ci-agent', ...WORKLOAD }]);
  });

  it('fill in subject defaults and the default validity', () => {
    const result = issue(['--csr', 'ec.csr', '--subject', 'CN=agent-7', '--san', 'dns:agent-7.ci.example.com', '--json']);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout) as { serial: string; subject: string; notAfter: string };
    expect(json.subject).toBe('O=Example, OU=CI, CN=agent-7');
    const shown = JSON.parse(iamra(dir, ['show', '--ca', 'ca', json.serial, '--json']).stdout) as { issuedAt: string };
    expect(Date.parse(json.notAfter)).toBe(Math.floor(Date.parse(shown.issuedAt) / 1000) * 1000 + 86_400_000);
    const listed = JSON.parse(iamra(dir, ['list', '--ca', 'ca', '--json']).stdout) as Array<{ template: string }>;
    expect(listed[0]?.template).toBe('ci-agent');
  });

  it.each([
    ['a SAN outside the patterns', ['--csr', 'ec.csr', '--subject', 'CN=a', '--san', 'dns:evil.example.com'], /SAN dns:evil.example.com matches none of dns:\*\.ci\.example\.com/],
    ['a key type it does not allow', ['--csr', 'rsa.csr', '--subject', 'CN=a'], /key type rsa-2048 is not allowed \(allowed: ec-p256\)/],
    ['a validity over its maximum', ['--csr', 'ec.csr', '--subject', 'CN=a', '--validity', '30d'], /validity 30 days exceeds the maximum of 7 days/],
    ['a missing required attribute', ['--csr', 'ec.csr', '--subject', 'O=Example,OU=CI'], /the subject lacks CN/],
  ])('refuse %s and change nothing', (_name, args, message) => {
    const before = dumpDatabase(caDir);
    expect(expectUserError(issue(args), 1)).toMatch(message);
    expect(dumpDatabase(caDir)).toBe(before);
  });

  it('refuse invalid template files', () => {
    writeText(dir, 'bad1.json', '{"maxValidity": "forever"}');
    writeText(dir, 'bad2.json', '{"keyTypes": ["dsa-1024"]}');
    writeText(dir, 'bad3.json', '{"colour": "blue"}');
    writeText(dir, 'bad4.json', 'not json');
    const before = dumpDatabase(caDir);
    expect(expectUserError(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'x', 'bad1.json']), 3)).toContain('invalid template x: maxValidity must be a duration like "30d"');
    expect(expectUserError(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'x', 'bad2.json']), 3)).toContain('unknown key type dsa-1024');
    expect(expectUserError(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'x', 'bad3.json']), 3)).toContain('unknown field "colour"');
    expect(expectUserError(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'x', 'bad4.json']), 3)).toContain('not valid JSON');
    expect(dumpDatabase(caDir)).toBe(before);
  });

  it('are deleted', () => {
    writeText(dir, 'open.json', '{}');
    expect(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'open', 'open.json']).status).toBe(0);
    const issued = iamra(dir, ['issue', '--ca', 'ca', '--template', 'open', '--csr', 'rsa.csr', '--subject', 'CN=any']);
    expect(new X509Certificate(issued.stdout).subject).toBe('CN=any');
    expect(iamra(dir, ['ca', 'template', 'delete', '--ca', 'ca', 'open']).stdout).toBe('template open deleted\n');
    expect(expectUserError(iamra(dir, ['ca', 'template', 'delete', '--ca', 'ca', 'open']), 3)).toContain('no template "open"');
  });
});
