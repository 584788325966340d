// Issue 12 "must show": for a grid of certificates by trust policies, `iamra policy explain`
// predicts exactly what the emulator's CreateSession then does (allowed, or which refusal),
// including StringLike, ForAnyValue, IfExists, missing and untaggable tags.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { runCliAsync } from '../support/run-cli.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';

const DAY = 86_400_000;
const ACTIONS = ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'];
const UNTRUSTED = 'Untrusted signing certificate';
const UNMAPPED = 'Some attributes failed to be mapped into session tags.';

type Expected = 'allow' | 'trust-policy' | 'untaggable' | 'untrusted';
interface Cell {
  name: string;
  certificate: string;
  condition?: Record<string, Record<string, string | string[]>>;
  deny?: Record<string, Record<string, string | string[]>>;
  expected: Expected;
  /** Runs against the emulator started with --untaggable drop. */
  isDropMode?: boolean;
}

const CELLS: Cell[] = [
  { name: 'StringLike CN web-* admits web-1', certificate: 'web1', condition: { StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'web-*' } }, expected: 'allow' },
  { name: 'StringLike CN web-* refuses db-1', certificate: 'db1', condition: { StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'web-*' } }, expected: 'trust-policy' },
  { name: 'StringLike on a URI SAN pattern', certificate: 'prodApi', condition: { StringLike: { 'aws:PrincipalTag/x509SAN/URI': 'spiffe://prod/*' } }, expected: 'allow' },
  { name: 'ForAnyValue:StringLike aws:TagKeys x509SAN/* with a SAN', certificate: 'web1', condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'x509SAN/*' } }, expected: 'allow' },
  { name: 'ForAnyValue:StringLike aws:TagKeys x509SAN/* without a SAN', certificate: 'db1', condition: { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'x509SAN/*' } }, expected: 'trust-policy' },
  { name: 'ForAnyValue:StringEquals on a tag with several allowed values', certificate: 'db1', condition: { 'ForAnyValue:StringEquals': { 'aws:PrincipalTag/x509Subject/CN': ['web-1', 'db-1'] } }, expected: 'allow' },
  { name: 'StringLikeIfExists URI passes when the URI SAN is missing', certificate: 'web1', condition: { StringLikeIfExists: { 'aws:PrincipalTag/x509SAN/URI': 'spiffe://prod/*' } }, expected: 'allow' },
  { name: 'StringLikeIfExists URI refuses another trust domain', certificate: 'devApi', condition: { StringLikeIfExists: { 'aws:PrincipalTag/x509SAN/URI': 'spiffe://prod/*' } }, expected: 'trust-policy' },
  { name: 'StringEquals on a missing OU tag refuses', certificate: 'web1', condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/OU': 'ops' } }, expected: 'trust-policy' },
  { name: 'StringNotEquals on a missing OU tag passes', certificate: 'web1', condition: { StringNotEquals: { 'aws:PrincipalTag/x509Subject/OU': 'blocked' } }, expected: 'allow' },
  { name: 'Null false on a missing DNS SAN refuses', certificate: 'db1', condition: { Null: { 'aws:PrincipalTag/x509SAN/DNS': 'false' } }, expected: 'trust-policy' },
  { name: 'sts:SourceIdentity StringEquals CN=web-1', certificate: 'web1', condition: { StringEquals: { 'sts:SourceIdentity': 'CN=web-1' } }, expected: 'allow' },
  { name: 'an explicit Deny on CN *-test wins', certificate: 'webTest', deny: { StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*-test' } }, expected: 'trust-policy' },
  { name: 'an untaggable O fails the call (observed service behaviour)', certificate: 'untaggable', expected: 'untaggable' },
  { name: 'an untaggable O is dropped, so StringNotEquals on it passes (drop mode)', certificate: 'untaggable', condition: { StringNotEquals: { 'aws:PrincipalTag/x509Subject/O': 'Blocked' } }, expected: 'allow', isDropMode: true },
  { name: 'a dropped untaggable O fails StringLike on it (drop mode)', certificate: 'untaggable', condition: { StringLike: { 'aws:PrincipalTag/x509Subject/O': '*' } }, expected: 'trust-policy', isDropMode: true },
  { name: 'an expired certificate is refused before the policy', certificate: 'expired', expected: 'untrusted' },
  { name: 'a certificate of another CA does not reach the anchor', certificate: 'foreign', expected: 'untrusted' },
  { name: 'a certificate without digitalSignature is refused', certificate: 'noDigitalSignature', expected: 'untrusted' },
  { name: 'a SHA-1 signed certificate is refused', certificate: 'sha1', expected: 'untrusted' },
];

let dir: string;
let root: TestIdentity;
const pki: Record<string, TestIdentity> = {};
const emulators: Record<'fail' | 'drop', EmulatorFixture> = {} as Record<'fail' | 'drop', EmulatorFixture>;
const roleArn = (index: number) => `arn:aws:iam::123456789012:role/grid-${index}`;

function trustPolicy(cell: Cell, trustAnchorArn: string): unknown {
  const statements: unknown[] = [
    { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ACTIONS, Condition: { ArnEquals: { 'aws:SourceArn': trustAnchorArn }, ...cell.condition } },
  ];
  if (cell.deny) statements.push({ Effect: 'Deny', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: cell.deny });
  return { Version: '2012-10-17', Statement: statements };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-grid-'));
  root = await createTestRoot({ subject: 'CN=grid root,O=Example' });
  const other = await createTestRoot({ subject: 'CN=grid root,O=Example' });
  pki.web1 = await issueTestCertificate(root, { subject: 'CN=web-1,O=Example', sans: [{ type: 'dns', value: 'web-1.example.com' }] });
  pki.db1 = await issueTestCertificate(root, { subject: 'CN=db-1,O=Example' });
  pki.prodApi = await issueTestCertificate(root, { subject: 'CN=api,O=Example', sans: [{ type: 'url', value: 'spiffe://prod/api' }] });
  pki.devApi = await issueTestCertificate(root, { subject: 'CN=api,O=Example', sans: [{ type: 'url', value: 'spiffe://dev/api' }] });
  pki.webTest = await issueTestCertificate(root, { subject: 'CN=web-test,O=Example' });
  pki.untaggable = await issueTestCertificate(root, { subject: 'CN=svc,O=Acme(EU)' });
  pki.expired = await issueTestCertificate(root, { subject: 'CN=old,O=Example', notBefore: new Date(Date.now() - 3 * DAY), notAfter: new Date(Date.now() - DAY) });
  pki.foreign = await issueTestCertificate(other, { subject: 'CN=web-1,O=Example' });
  pki.noDigitalSignature = await issueTestCertificate(root, { subject: 'CN=web-1,O=Example', keyUsage: 4 });
  pki.sha1 = await issueTestCertificate(root, { subject: 'CN=web-1,O=Example', hash: 'SHA-1' });
  for (const [name, identity] of Object.entries(pki)) writeFileSync(join(dir, `${name}.crt`), identity.certPem);
  writeFileSync(join(dir, 'anchor.pem'), root.certPem);
  const roleArns = CELLS.map((_, i) => roleArn(i));
  for (const mode of ['fail', 'drop'] as const) {
    emulators[mode] = await startEmulatorWithAnchor({ caCertPems: [root.certPem], profile: { roleArns }, options: { untaggable: mode } });
  }
  for (const [i, cell] of CELLS.entries()) {
    const fixture = emulators[cell.isDropMode ? 'drop' : 'fail'];
    const policy = trustPolicy(cell, fixture.trustAnchorArn);
    await fixture.emulator.putRole({ arn: roleArn(i), trustPolicy: policy });
    writeFileSync(join(dir, `policy-${i}.json`), JSON.stringify(policy));
  }
});

afterAll(async () => {
  await Promise.all(Object.values(emulators).map((e) => e.stop()));
  rmSync(dir, { recursive: true, force: true });
});

interface Explained {
  decision: 'allow' | 'deny';
  refusal?: { message: string; stage: string };
}

describe('policy explain predicts CreateSession', () => {
  it('covers at least 12 certificate-policy pairs', () => {
    expect(CELLS.length).toBeGreaterThanOrEqual(12);
  });

  it.each(CELLS.map((cell, index) => ({ ...cell, index })))('$name', async (cell) => {
    const fixture = emulators[cell.isDropMode ? 'drop' : 'fail'];
    const args = ['policy', 'explain', '--json', '--certificate', join(dir, `${cell.certificate}.crt`), '--policy', join(dir, `policy-${cell.index}.json`)];
    args.push('--trust-anchor-arn', fixture.trustAnchorArn, '--role-arn', roleArn(cell.index), '--anchor-certificate', join(dir, 'anchor.pem'));
    if (cell.isDropMode) args.push('--untaggable', 'drop');
    const result = await runCliAsync(args);
    expect(result.stderr).toBe('');
    const explained = JSON.parse(result.stdout) as Explained;
    expect(result.status).toBe(explained.decision === 'allow' ? 0 : 1);
    const answer = await callCreateSession({
      url: fixture.emulator.url,
      signer: signerFromIdentity(pki[cell.certificate]!),
      trustAnchorArn: fixture.trustAnchorArn,
      profileArn: fixture.profileArn,
      roleArn: roleArn(cell.index),
    });
    // The prediction matches the emulator exactly ...
    if (explained.decision === 'allow') expect(answer.status).toBe(201);
    else expect([answer.status, (answer.json as { message?: string }).message]).toEqual([403, explained.refusal!.message]);
    // ... and both match what the rules say for this cell.
    const expectedMessage = {
      allow: undefined,
      'trust-policy': `Unable to assume role for ${roleArn(cell.index)}`,
      untaggable: `Unable to assume role for ${roleArn(cell.index)} ${UNMAPPED} Issuer: [  ]; Subject: [ O ]; SAN: [  ]`,
      untrusted: UNTRUSTED,
    }[cell.expected];
    expect(explained.refusal?.message).toBe(expectedMessage);
  });
});
