// `iamra doctor` against the emulator (issue 12): local checks, one CreateSession, and the cause
// named for a wrong trust anchor, a revoked certificate, an unmet trust-policy condition, a role
// not in the profile, an expired certificate and clock skew. The causes come from the service's
// answer and the local checks, as with the real service.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity, type TestIdentity } from '../support/pki.js';
import { runCliAsync } from '../support/run-cli.js';
import { buildTestCrl } from '../support/test-crl.js';

const DAY = 86_400_000;
const UNKNOWN_ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/00000000-0000-4000-8000-000000000000';
let dir: string;
let fixture: EmulatorFixture;
let skewed: EmulatorFixture;
const files: Record<string, { certPath: string; keyPath: string }> = {};

interface Report {
  checks: Array<{ name: string; status: string; detail: string }>;
  outcome: { kind: string; message?: string };
  diagnosis?: { cause: string; summary: string; nextStep: string };
  emulatorDecision?: string;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-doctor-'));
  const root = await createTestRoot({ subject: 'CN=doctor root' });
  const other = await createTestRoot({ subject: 'CN=other root' });
  const identities: Record<string, TestIdentity> = {
    good: await issueTestCertificate(root, { subject: 'CN=web-1' }),
    db: await issueTestCertificate(root, { subject: 'CN=db-1' }),
    revoked: await issueTestCertificate(root, { subject: 'CN=web-1' }),
    expired: await issueTestCertificate(root, { subject: 'CN=web-1', notBefore: new Date(Date.now() - 3 * DAY), notAfter: new Date(Date.now() - DAY) }),
    foreign: await issueTestCertificate(other, { subject: 'CN=web-1' }),
  };
  for (const [name, identity] of Object.entries(identities)) files[name] = writeIdentity(dir, name, identity);
  const policy = (anchor: string) => ({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: { ArnEquals: { 'aws:SourceArn': anchor }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web-1' } } }],
  });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem] });
  await fixture.emulator.putRole({ arn: fixture.roleArn, trustPolicy: policy(fixture.trustAnchorArn) });
  writeFileSync(join(dir, 'trust.json'), JSON.stringify(policy(fixture.trustAnchorArn)));
  const crl = buildTestCrl({ issuer: root, revokedSerials: [identities.revoked!.serialHex] });
  await fixture.emulator.control.importCrl({ name: 'revocations', crlData: Buffer.from(crl.pem), trustAnchorArn: fixture.trustAnchorArn, enabled: true });
  // An emulator whose clock runs an hour ahead: this machine then looks an hour behind.
  skewed = await startEmulatorWithAnchor({ caCertPems: [root.certPem], now: () => new Date(Date.now() + 3600_000) });
  await skewed.emulator.putRole({ arn: skewed.roleArn, trustPolicy: policy(skewed.trustAnchorArn) });
});

afterAll(async () => {
  await Promise.all([fixture.stop(), skewed.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(name: string, overrides: { trustAnchorArn?: string; roleArn?: string; target?: EmulatorFixture; extra?: string[] } = {}): Promise<{ status: number; report: Report; stdout: string }> {
  const target = overrides.target ?? fixture;
  const args = ['doctor', '--json', '--certificate', files[name]!.certPath, '--private-key', files[name]!.keyPath, '--trust-anchor-arn', overrides.trustAnchorArn ?? target.trustAnchorArn];
  args.push('--profile-arn', target.profileArn, '--role-arn', overrides.roleArn ?? target.roleArn, '--endpoint', target.emulator.url, ...(overrides.extra ?? []));
  const result = await runCliAsync(args);
  expect(result.stderr).toBe('');
  return { status: result.status, report: JSON.parse(result.stdout) as Report, stdout: result.stdout };
}

const check = (report: Report, name: string) => report.checks.find((c) => c.name === name);

describe('doctor', () => {
  it('passes a healthy identity, exit 0, and says so in text', async () => {
    const { status, report } = await doctor('good');
    expect([status, report.outcome.kind, report.diagnosis]).toEqual([0, 'allowed', undefined]);
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    const text = await runCliAsync(['doctor', '--certificate', files.good!.certPath, '--private-key', files.good!.keyPath, '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url]);
    expect(text.stdout).toContain(`CreateSession: allowed: a session for arn:aws:sts::123456789012:assumed-role/iamra-test/`);
    expect(text.stdout).toMatch(/^ok {6}key: the private key matches the certificate$/m);
  });

  it.each([
    ['an unknown trust anchor', 'good', { trustAnchorArn: UNKNOWN_ANCHOR }, 'wrong-trust-anchor', "Specified Trust Anchor wasn't found."],
    ['a trust anchor of another CA', 'foreign', {}, 'wrong-trust-anchor', 'Untrusted signing certificate'],
    ['a revoked certificate', 'revoked', {}, 'certificate-revoked', 'Certificate revoked'],
    ['an unmet trust-policy condition', 'db', {}, 'trust-policy-refused', 'Unable to assume role for arn:aws:iam::123456789012:role/iamra-test'],
    ['a role not in the profile', 'good', { roleArn: 'arn:aws:iam::123456789012:role/elsewhere' }, 'role-not-in-profile', "Requested Role isn't one of those listed in the Profile."],
    ['an expired certificate', 'expired', {}, 'certificate-expired', 'Untrusted signing certificate'],
  ] as const)('names the cause for %s, exit 1', async (_what, name, overrides, cause, message) => {
    const { status, report } = await doctor(name, overrides);
    expect([status, report.outcome.kind, report.outcome.message, report.diagnosis?.cause]).toEqual([1, 'refused', message, cause]);
    expect(report.diagnosis!.nextStep.length).toBeGreaterThan(10);
    // The emulator's own reason is an extra beside the diagnosis.
    expect(report.emulatorDecision).toMatch(/^CreateSession denied: 403 AccessDeniedException/);
  });

  it('shows the failing local check for an expired certificate and the policy explain step for a trust policy', async () => {
    expect(check((await doctor('expired')).report, 'validity')).toMatchObject({ status: 'fail', detail: expect.stringContaining('the certificate expired at') });
    expect((await doctor('db')).report.diagnosis!.nextStep).toContain('iamra policy explain --certificate');
  });

  it('with --policy, names the trust-policy condition that is not met', async () => {
    const { report } = await doctor('db', { extra: ['--policy', join(dir, 'trust.json')] });
    const unmet = 'statement 0: StringEquals aws:PrincipalTag/x509Subject/CN ["web-1"] not met (request has "db-1")';
    expect(check(report, 'trust-policy')).toEqual({ name: 'trust-policy', status: 'fail', detail: unmet });
    expect(report.diagnosis).toMatchObject({ cause: 'trust-policy-refused', summary: `the trust policy of ${fixture.roleArn} refused: ${unmet}` });
    expect(check((await doctor('good', { extra: ['--policy', join(dir, 'trust.json')] })).report, 'trust-policy')?.status).toBe('ok');
  });

  it('names clock skew from the service Date header, exit 1', async () => {
    const { status, report } = await doctor('good', { target: skewed });
    expect([status, report.outcome.message, report.diagnosis?.cause]).toEqual([1, 'Invalid signature', 'clock-skew']);
    expect(check(report, 'clock')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^this machine's clock is 3[56]\d\d s behind the service's/) });
  });

  it('does not call the service with ARNs of two regions, and names them', async () => {
    const { status, report } = await doctor('good', { trustAnchorArn: UNKNOWN_ANCHOR.replace('us-east-1', 'eu-west-1') });
    expect([status, report.outcome.kind, report.diagnosis?.cause]).toEqual([1, 'not-called', 'bad-arns']);
    expect(check(report, 'arns')?.detail).toContain("trust anchor and profile regions don't match");
  });
});
