// Issue 9: one generator of hostile certificates (off-curve P-256/P-384 points, unknown key
// algorithm, truncated, trailing byte, length overflow, wrong outer tag, BIT STRING with unused
// bits, garbage base64) run through every command that reads a certificate or CSR, via the built
// CLI: exit 3 with one "iamra:" line and no stack (never 70), and the CA databases unchanged.
// The diagnostics (doctor, policy explain --anchor-certificate) report the file as a failed check.
import { createPublicKey } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';
import { flipKeyByte, hostileCertificates, hostileVariants, type HostileCertificate } from '../support/hostile-certificates.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../support/pki.js';
import { decodePemBlocks } from '../../x509/pem.js';

const UUID = '0f4c9a4e-7e6f-4c1c-9a43-1a2b3c4d5e6f';
const ANCHOR = `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${UUID}`;
const HELPER_ARNS = ['--trust-anchor-arn', ANCHOR, '--profile-arn', `arn:aws:rolesanywhere:us-east-1:123456789012:profile/${UUID}`, '--role-arn', 'arn:aws:iam::123456789012:role/r', '--endpoint', 'http://127.0.0.1:9'];
const CA_EXT = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n';

let dir: string;
const files: Record<'leaf' | 'ca' | 'csr', Array<{ name: string; path: string }>> = { leaf: [], ca: [], csr: [] };

function writeCases(kind: keyof typeof files, cases: HostileCertificate[]): void {
  files[kind] = cases.map((c, i) => ({ name: c.name, path: writeText(dir, `${kind}-${i}.bad`, c.data) }));
}

beforeAll(async () => {
  dir = tempDir('iamra-hostile-');
  expect(iamra(dir, ['ca', 'init', '--ca', 'root', '--subject', 'CN=Hostile Root CA,O=Example']).status).toBe(0);
  expect(iamra(dir, ['ca', 'init', '--ca', 'inter', '--intermediate', '--subject', 'CN=Hostile Inter,O=Example']).status).toBe(0);
  const external = await createTestRoot({ subject: 'CN=External Root' });
  writeIdentity(dir, 'external', external);
  writeText(dir, 'ca.ext', CA_EXT);
  const signed = openssl(['x509', '-req', '-in', 'inter/ca.csr', '-CA', 'external.crt', '-CAkey', 'external.key', '-CAcreateserial', '-days', '30', '-extfile', 'ca.ext', '-out', 'inter.crt'], dir);
  expect(signed.status).toBe(0);
  writeIdentity(dir, 'leaf', await issueTestCertificate(external, { subject: 'CN=workload' }));
  writeText(dir, 'trust.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }] }));
  writeCases('leaf', await hostileCertificates(external));
  writeCases('ca', await hostileCertificates(external, { isCa: true }));
  const csrDer = decodePemBlocks(readFileSync(opensslCsr(dir, 'good', { keyType: 'ec-p256' }), 'latin1'))[0]!.der;
  const spki = createPublicKey(readFileSync(join(dir, 'good.key'))).export({ type: 'spki', format: 'der' });
  const offCurve = { name: 'off-curve P-256 point', data: Buffer.from(`-----BEGIN CERTIFICATE REQUEST-----\n${flipKeyByte(csrDer, spki).toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`) };
  writeCases('csr', [offCurve, ...hostileVariants(csrDer, 'CERTIFICATE REQUEST')]);
  writeFileSync(join(dir, 'hostile-cases.txt'), Object.values(files).flat().map((f) => `${f.path} ${f.name}`).join('\n'));
});

interface Outcome {
  name: string;
  status: number;
  lines: number;
  prefix: string;
  stack: boolean;
}

function outcome(name: string, result: { status: number; stderr: string }): Outcome {
  const lines = result.stderr.trimEnd().split('\n');
  return { name, status: result.status, lines: lines.length, prefix: lines[0]!.slice(0, 7), stack: /\n\s+at |internal error/.test(result.stderr) };
}

const refused = (name: string): Outcome => ({ name, status: 3, lines: 1, prefix: 'iamra: ', stack: false });

interface CommandCase {
  title: string;
  kind: keyof typeof files;
  args: (file: string) => string[];
}

const REFUSING_COMMANDS: CommandCase[] = [
  { title: 'ca import-cert (the CA certificate)', kind: 'ca', args: (f) => ['ca', 'import-cert', '--ca', 'inter', f] },
  { title: 'ca import-cert --chain', kind: 'ca', args: (f) => ['ca', 'import-cert', '--ca', 'inter', 'inter.crt', '--chain', f] },
  { title: 'issue --csr', kind: 'csr', args: (f) => ['issue', '--ca', 'root', '--csr', f] },
  { title: 'revoke <cert file>', kind: 'leaf', args: (f) => ['revoke', '--ca', 'root', f] },
  { title: 'read-certificate-data --certificate', kind: 'leaf', args: (f) => ['read-certificate-data', '--certificate', f] },
  { title: 'credential-process --certificate', kind: 'leaf', args: (f) => ['credential-process', '--certificate', f, '--private-key', 'leaf.key', ...HELPER_ARNS] },
  { title: 'credential-process --intermediates', kind: 'ca', args: (f) => ['credential-process', '--certificate', 'leaf.crt', '--private-key', 'leaf.key', '--intermediates', f, ...HELPER_ARNS] },
  { title: 'serve --certificate', kind: 'leaf', args: (f) => ['serve', '--port', '0', '--certificate', f, '--private-key', 'leaf.key', ...HELPER_ARNS] },
  { title: 'serve --intermediates', kind: 'ca', args: (f) => ['serve', '--port', '0', '--certificate', 'leaf.crt', '--private-key', 'leaf.key', '--intermediates', f, ...HELPER_ARNS] },
  { title: 'update --certificate', kind: 'leaf', args: (f) => ['update', '--certificate', f, '--private-key', 'leaf.key', ...HELPER_ARNS] },
  { title: 'update --intermediates', kind: 'ca', args: (f) => ['update', '--certificate', 'leaf.crt', '--private-key', 'leaf.key', '--intermediates', f, ...HELPER_ARNS] },
  { title: 'sign-string --certificate (combined file)', kind: 'leaf', args: (f) => ['sign-string', '--certificate', f] },
  { title: 'policy explain --certificate', kind: 'leaf', args: (f) => ['policy', 'explain', '--certificate', f, '--policy', 'trust.json', '--trust-anchor-arn', ANCHOR] },
  { title: 'policy explain --intermediates', kind: 'ca', args: (f) => ['policy', 'explain', '--certificate', 'leaf.crt', '--intermediates', f, '--policy', 'trust.json', '--trust-anchor-arn', ANCHOR] },
];

describe('issue 9: hostile certificates through every command', () => {
  it('the generator makes all ten certificate cases and eight CSR cases', () => {
    expect(files.leaf.map((f) => f.name)).toEqual(['off-curve P-256 point', 'off-curve P-384 point', 'unknown key algorithm', 'truncated DER', 'truncated PEM', 'extra trailing byte', 'length overflow', 'wrong outer tag', 'BIT STRING with unused bits', 'PEM with garbage base64']);
    expect(files.csr).toHaveLength(8);
  });

  it.each(REFUSING_COMMANDS)('$title: exit 3, one line, no stack, CA unchanged', ({ kind, args }) => {
    const before = [dumpDatabase(join(dir, 'root')), dumpDatabase(join(dir, 'inter'))];
    const outcomes = files[kind].map((f) => outcome(f.name, iamra(dir, args(f.path))));
    expect(outcomes).toEqual(files[kind].map((f) => refused(f.name)));
    expect([dumpDatabase(join(dir, 'root')), dumpDatabase(join(dir, 'inter'))]).toEqual(before);
  });

  it('a CA directory whose ca.crt was replaced by a hostile one: ca show, issue and crl generate refuse it', () => {
    const outcomes = files.ca.flatMap((f, i) => {
      const copy = join(dir, `damaged-${i}`);
      cpSync(join(dir, 'root'), copy, { recursive: true });
      writeFileSync(join(copy, 'ca.crt'), readFileSync(f.path));
      return [['ca', 'show', '--ca', copy], ['issue', '--ca', copy, '--generate-key', '--subject', 'CN=x', '--key-out', join(copy, 'x.key')], ['crl', 'generate', '--ca', copy]]
        .map((args) => outcome(`${f.name}: ${args[0]} ${args[1]}`, iamra(dir, args)));
    });
    expect(outcomes).toEqual(outcomes.map((o) => refused(o.name)));
  });

  it.each([
    { title: 'doctor --certificate', kind: 'leaf' as const, args: (f: string) => ['doctor', '--certificate', f, '--private-key', 'leaf.key', ...HELPER_ARNS], report: /^fail\s+files: cannot read certificate/m },
    { title: 'doctor --intermediates', kind: 'ca' as const, args: (f: string) => ['doctor', '--certificate', 'leaf.crt', '--private-key', 'leaf.key', '--intermediates', f, ...HELPER_ARNS], report: /^fail\s+files: cannot read intermediates/m },
    { title: 'doctor --anchor-certificate', kind: 'ca' as const, args: (f: string) => ['doctor', '--certificate', 'leaf.crt', '--private-key', 'leaf.key', '--anchor-certificate', f, ...HELPER_ARNS], report: /^fail\s+chain: (certificate 1 of the bundle does not parse|no PEM CERTIFICATE block)/m },
    { title: 'policy explain --anchor-certificate', kind: 'ca' as const, args: (f: string) => ['policy', 'explain', '--certificate', 'leaf.crt', '--anchor-certificate', f, '--policy', 'trust.json', '--trust-anchor-arn', ANCHOR], report: /fail\s+chain: (certificate 1 of the bundle does not parse|no PEM CERTIFICATE block)/ },
  ])('$title reports the file as a failed check, never an internal error', ({ kind, args, report }) => {
    for (const f of files[kind]) {
      const result = iamra(dir, args(f.path));
      expect({ name: f.name, internal: result.status === 70 || /internal error|\n\s+at /.test(result.stderr), reported: report.test(result.stdout) }).toEqual({ name: f.name, internal: false, reported: true });
    }
  });
});
