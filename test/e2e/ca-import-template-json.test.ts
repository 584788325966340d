// `--json` for `ca import-cert` (the caCertificate object with certificateFile, chainFile and the
// chain's caCertificate objects) and `ca template set` (the template object with isReplaced),
// each checked against what OpenSSL reads from the files written and what `ca show`,
// `ca template show` and `ca template list` report afterwards.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, openssl, tempDir, writeText } from '../support/ca-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../support/pki.js';

const CA_CERTIFICATE = ['subject', 'issuer', 'serial', 'notBefore', 'notAfter', 'keyType', 'isSelfSigned', 'sha256Fingerprint'];

let dir: string;

function json(args: string[]): Record<string, unknown> {
  const result = iamra(dir, [...args, '--json']);
  if (result.status !== 0 || result.stderr !== '') throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** What OpenSSL reads from a certificate file, in the caCertificate object's terms. */
function opensslView(file: string): Record<string, unknown> {
  const out = openssl(['x509', '-in', file, '-noout', '-serial', '-fingerprint', '-sha256', '-enddate', '-subject', '-issuer', '-nameopt', 'sep_comma_plus_space'], dir).stdout;
  const field = (name: string) => new RegExp(`^${name}=\\s*(.*)$`, 'm').exec(out)?.[1] ?? '';
  return {
    serial: field('serial').toLowerCase().replace(/^0+(?=.)/, ''),
    sha256Fingerprint: field('sha256 Fingerprint').replace(/:/g, '').toLowerCase(),
    notAfter: new Date(field('notAfter')).toISOString(),
    subject: field('subject'),
    issuer: field('issuer'),
  };
}

const expectCaCertificate = (value: unknown, file: string) => {
  expect(Object.keys(value as object).sort()).toEqual([...CA_CERTIFICATE].sort());
  expect(value).toMatchObject({ ...opensslView(file), serial: expect.any(String) });
  expect((value as { serial: string }).serial.replace(/^0+(?=.)/, '')).toBe(opensslView(file).serial);
};

beforeAll(async () => {
  dir = tempDir('iamra-json-import-');
  const root = await createTestRoot({ subject: 'CN=Json Root,O=Example' });
  const middle = await issueTestCertificate(root, { subject: 'CN=Json Middle,O=Example', isCa: true, notAfter: new Date(Date.now() + 365 * 86_400_000) });
  writeIdentity(dir, 'root', root);
  writeIdentity(dir, 'middle', middle);
  writeText(dir, 'chain.pem', middle.certPem + root.certPem);
  writeText(dir, 'ca.ext', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  for (const [name, issuer] of [['chained', 'middle'], ['alone', 'root']]) {
    expect(iamra(dir, ['ca', 'init', '--ca', name!, '--intermediate', '--subject', `CN=Json ${name},O=Example`]).status).toBe(0);
    const signed = openssl(['x509', '-req', '-in', `${name}/ca.csr`, '-CA', `${issuer}.crt`, '-CAkey', `${issuer}.key`, '-CAcreateserial', '-days', '30', '-extfile', 'ca.ext', '-out', `${name}.crt`], dir);
    expect(signed.status).toBe(0);
  }
});

describe('--help', () => {
  it.each([
    { command: ['ca', 'import-cert'], says: /--json\s+print the caCertificate object with certificateFile,\s+chainFile and chain/ },
    { command: ['ca', 'template', 'set'], says: /--json\s+print the template object as stored, with isReplaced/ },
  ])('$command lists --json', ({ command, says }) => {
    expect(iamra(dir, [...command, '--help']).stdout).toMatch(says);
  });
});

describe('ca import-cert --json', () => {
  it('prints the imported caCertificate, as OpenSSL and ca show read it, with the chain saved', () => {
    const imported = json(['ca', 'import-cert', '--ca', 'chained', 'chained.crt', '--chain', 'chain.pem']);
    const { certificateFile, chainFile, chain, ...certificate } = imported;
    expect([certificateFile, chainFile]).toEqual([join(dir, 'chained', 'ca.crt'), join(dir, 'chained', 'ca-chain.crt')]);
    expectCaCertificate(certificate, 'chained/ca.crt');
    expect(certificate).toMatchObject({ subject: 'CN=Json chained, O=Example', issuer: 'CN=Json Middle, O=Example', isSelfSigned: false, keyType: 'ec-p256' });
    expect(json(['ca', 'show', '--ca', 'chained'])).toEqual({ ...certificate, certificateFile });
    const links = chain as Array<Record<string, unknown>>;
    expect(links.map((c) => c.subject)).toEqual(['CN=Json Middle, O=Example', 'CN=Json Root, O=Example']);
    expectCaCertificate(links[0], 'middle.crt');
    expectCaCertificate(links[1], 'root.crt');
    expect(links.map((c) => c.isSelfSigned)).toEqual([false, true]);
    expect(readFileSync(join(dir, 'chained', 'ca-chain.crt'), 'utf8')).toBe(readFileSync(join(dir, 'chain.pem'), 'utf8'));
  });

  it('without --chain: chainFile null and an empty chain', () => {
    const imported = json(['ca', 'import-cert', '--ca', 'alone', 'alone.crt']);
    expect(imported).toMatchObject({ chainFile: null, chain: [], certificateFile: join(dir, 'alone', 'ca.crt'), issuer: 'CN=Json Root, O=Example' });
    const { certificateFile: _file, chainFile: _chainFile, chain: _chain, ...certificate } = imported;
    expectCaCertificate(certificate, 'alone/ca.crt');
  });

  it('a refused import prints one line and no JSON', () => {
    const result = iamra(dir, ['ca', 'import-cert', '--ca', 'alone', 'alone.crt', '--json']);
    expect(expectUserError(result, 3)).toMatch(/^iamra: /);
    expect(result.stdout).toBe('');
  });
});

describe('ca template set --json', () => {
  const WEB = { description: 'web servers', subjectDefaults: 'O=Example', keyTypes: ['ec-p256'], maxValidity: '7d' };

  beforeAll(() => {
    createCa(dir);
    writeText(dir, 'web.json', JSON.stringify(WEB, null, 4));
    writeText(dir, 'web2.json', JSON.stringify({ description: 'web, shorter', maxValidity: '2d' }));
  });

  it('prints the template as stored with isReplaced false, the same as show and list report', () => {
    const saved = json(['ca', 'template', 'set', '--ca', 'ca', 'web', 'web.json']);
    expect(saved).toEqual({ name: 'web', ...WEB, isReplaced: false });
    const { isReplaced: _, ...template } = saved;
    expect(JSON.parse(iamra(dir, ['ca', 'template', 'show', '--ca', 'ca', 'web']).stdout)).toEqual(WEB);
    expect(JSON.parse(iamra(dir, ['ca', 'template', 'list', '--ca', 'ca', '--json']).stdout)).toEqual([template]);
  });

  it('replacing a template says so, in JSON and in text', () => {
    expect(json(['ca', 'template', 'set', '--ca', 'ca', 'web', 'web2.json'])).toEqual({ name: 'web', description: 'web, shorter', maxValidity: '2d', isReplaced: true });
    expect(JSON.parse(iamra(dir, ['ca', 'template', 'show', '--ca', 'ca', 'web']).stdout)).toEqual({ description: 'web, shorter', maxValidity: '2d' });
    expect(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'web', 'web.json']).stdout).toBe('template web saved (it replaced the one of that name)\n');
    expect(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'api', 'web.json']).stdout).toBe('template api saved\n');
  });

  it('a refused template prints one line and no JSON, and stores nothing', () => {
    writeText(dir, 'bad.json', JSON.stringify({ maxValidity: '7d', colour: 'blue' }));
    const result = iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', 'bad', 'bad.json', '--json']);
    expect(expectUserError(result, 3)).toMatch(/colour/);
    expect(result.stdout).toBe('');
    expect(iamra(dir, ['ca', 'template', 'show', '--ca', 'ca', 'bad']).status).toBe(3);
  });
});
