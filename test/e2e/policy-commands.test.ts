// `iamra policy trust|session|lint` through the built CLI (issue 12): the documents they write,
// the limits and findings they report, and their exit codes. A policy from `policy trust
// --from-template` admits every certificate issued under that template in the emulator and
// refuses one from another template.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, tempDir, writeText } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { callCreateSession, signerFromPem } from '../support/session-client.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/11111111-2222-3333-4444-555555555555';
let dir: string;

beforeAll(() => {
  dir = tempDir('iamra-policy-');
  createCa(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policy trust', () => {
  it('writes the principal, the three actions, aws:SourceArn and one operator per match', () => {
    const result = iamra(dir, ['policy', 'trust', '--trust-anchor-arn', ANCHOR, '--match', 'x509Subject/CN=web-*', '--match', 'x509SAN/URI=spiffe://prod/*', '--match', 'x509Subject/O=Example', '--source-identity', 'CN=web-1']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'RolesAnywhere',
        Effect: 'Allow',
        Principal: { Service: 'rolesanywhere.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
        Condition: {
          ArnEquals: { 'aws:SourceArn': ANCHOR },
          StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'web-*', 'aws:PrincipalTag/x509SAN/URI': 'spiffe://prod/*' },
          StringEquals: { 'aws:PrincipalTag/x509Subject/O': 'Example', 'sts:SourceIdentity': 'CN=web-1' },
        },
      }],
    });
  });

  it('refuses a tag Roles Anywhere never produces and a malformed ARN, exit 2', () => {
    expect(expectUserError(iamra(dir, ['policy', 'trust', '--trust-anchor-arn', ANCHOR, '--match', 'x509SAN/IP=10.0.0.1']), 2)).toContain('invalid --match');
    expect(expectUserError(iamra(dir, ['policy', 'trust', '--trust-anchor-arn', 'arn:aws:iam::1:role/x']), 2)).toContain('invalid --trust-anchor-arn');
  });
});

describe('policy trust --from-template', () => {
  let fixture: EmulatorFixture;
  const keys: Record<string, { cert: string; key: string }> = {};
  const issue = (name: string, template: string, args: string[]) => {
    const result = iamra(dir, ['issue', '--ca', 'ca', '--template', template, '--generate-key', '--cert-out', `${name}.crt`, '--key-out', `${name}.key`, ...args]);
    if (result.status !== 0) throw new Error(result.stderr);
    keys[name] = { cert: readFileSync(join(dir, `${name}.crt`), 'utf8'), key: readFileSync(join(dir, `${name}.key`), 'utf8') };
  };

  beforeAll(async () => {
    writeText(dir, 'web.json', JSON.stringify({ subjectDefaults: 'O=Example,OU=Web', requiredAttributes: ['CN'], sanPatterns: ['dns:*.web.example.com'] }));
    writeText(dir, 'db.json', JSON.stringify({ subjectDefaults: 'O=Example,OU=Db', requiredAttributes: ['CN'], sanPatterns: ['dns:*.db.example.com'] }));
    for (const name of ['web', 'db']) expect(iamra(dir, ['ca', 'template', 'set', '--ca', 'ca', name, `${name}.json`]).status).toBe(0);
    issue('web-a', 'web', ['--subject', 'CN=web-a', '--san', 'dns:a.web.example.com']);
    issue('web-b', 'web', ['--subject', 'CN=web-b', '--san', 'dns:b.web.example.com']);
    issue('web-c', 'web', ['--subject', 'CN=web-c']);
    issue('db-a', 'db', ['--subject', 'CN=db-a', '--san', 'dns:a.db.example.com']);
    fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'ca/ca.crt'), 'utf8')] });
    const result = iamra(dir, ['policy', 'trust', '--ca', 'ca', '--from-template', 'web', '--trust-anchor-arn', fixture.trustAnchorArn]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('iamra: note: subject defaults O, OU are matched exactly');
    await fixture.emulator.putRole({ arn: fixture.roleArn, trustPolicy: JSON.parse(result.stdout) as unknown });
  });
  afterAll(() => fixture.stop());

  const session = (name: string) => callCreateSession({ url: fixture.emulator.url, signer: signerFromPem(keys[name]!.cert, keys[name]!.key), trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn });

  it.each(['web-a', 'web-b', 'web-c'])('admits %s, issued under the template', async (name) => {
    expect((await session(name)).status).toBe(201);
  });

  it('refuses a certificate of another template', async () => {
    const answer = await session('db-a');
    expect([answer.status, (answer.json as { message: string }).message]).toEqual([403, `Unable to assume role for ${fixture.roleArn}`]);
  });

  it('reads the template from --store (or IAMRA_STORE) when given, not from ca.json\'s store', () => {
    expect(iamra(dir, ['ca', 'export-store', '--ca', 'ca', '--to', 'sqlite:copy.db']).status).toBe(0);
    expect(iamra(dir, ['ca', 'template', 'delete', '--ca', 'ca', 'db']).status).toBe(0);
    const args = ['policy', 'trust', '--ca', 'ca', '--from-template', 'db', '--trust-anchor-arn', ANCHOR];
    expect(expectUserError(iamra(dir, args), 3)).toContain('db');
    const fromFlag = iamra(dir, [...args, '--store', 'sqlite:copy.db']);
    expect([fromFlag.status, fromFlag.stderr.includes('iamra: note:')]).toEqual([0, true]);
    expect(JSON.stringify(JSON.parse(fromFlag.stdout))).toContain('OU');
    const fromEnv = iamra(dir, args, { IAMRA_STORE: 'sqlite:copy.db' });
    expect([fromEnv.status, fromEnv.stdout]).toEqual([0, fromFlag.stdout]);
  });
});

// Uses web-a.crt, issued under the "web" template above.
describe('policy explain (text)', () => {
  it('prints tags, source identity, session name, each condition with its value, and the decision; exit 1 on deny', () => {
    writeText(dir, 'strict.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: { ArnEquals: { 'aws:SourceArn': ANCHOR }, StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'db-*' } } }] }));
    const result = iamra(dir, ['policy', 'explain', '--certificate', 'web-a.crt', '--policy', 'strict.json', '--trust-anchor-arn', ANCHOR, '--anchor-certificate', 'ca/ca.crt', '--role-arn', 'arn:aws:iam::123456789012:role/db']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('principal tags (after attribute mappings):\n  x509Issuer/CN = Test CA\n  x509Issuer/O = Example\n  x509SAN/DNS = a.web.example.com\n');
    expect(result.stdout).toContain('source identity: CN=web-a\n');
    expect(result.stdout).toMatch(/^default session name: [0-9a-f]+$/m);
    expect(result.stdout).toContain('  pass    chain: 1 certificate(s) up to the trust anchor\n');
    expect(result.stdout).toContain('    FAIL StringLike aws:PrincipalTag/x509Subject/CN ["db-*"] (request: "web-a")\n');
    expect(result.stdout).toContain('decision: deny: AccessDeniedException: Unable to assume role for arn:aws:iam::123456789012:role/db\n');
  });

  it('refuses an unreadable certificate in one line, exit 3', () => {
    expect(expectUserError(iamra(dir, ['policy', 'explain', '--certificate', 'missing.crt', '--policy', 'strict.json', '--trust-anchor-arn', ANCHOR]), 3)).toBe('iamra: cannot read certificate: no such file (missing.crt). Check the path.');
  });
});

describe('policy session', () => {
  it('writes a minified inline policy from guardrails and reports the limits on stderr', () => {
    const result = iamra(dir, ['policy', 'session', '--service', 's3', '--action', 'dynamodb:GetItem', '--resource', 'arn:aws:s3:::bucket/*', '--source-ip', '203.0.113.0/24', '--resource-tag', 'team=web']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Effect: 'Allow',
        Action: ['s3:*', 'dynamodb:GetItem'],
        Resource: 'arn:aws:s3:::bucket/*',
        Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' }, StringEquals: { 'aws:ResourceTag/team': 'web' } },
      }],
    });
    expect(result.stdout.trim()).not.toContain(' ');
    expect(result.stderr).toMatch(/^iamra: session policy: \d+ of 2048 characters, 0 of 10 managed policies, packed size about \d+%\n$/);
  });

  it('refuses more than 10 managed policies, a malformed ARN and text over 2,048 characters, exit 1', () => {
    const arns = Array.from({ length: 11 }, (_, i) => ['--managed-policy-arn', `arn:aws:iam::aws:policy/P${i}`]).flat();
    expect(expectUserError(iamra(dir, ['policy', 'session', '--service', 's3', ...arns]), 1)).toContain('11 managed policy ARNs, more than the 10 STS accepts');
    expect(expectUserError(iamra(dir, ['policy', 'session', '--service', 's3', '--managed-policy-arn', 'arn:aws:s3:::x']), 1)).toContain('is not a managed policy ARN');
    const long = { Version: '2012-10-17', Statement: Array.from({ length: 40 }, (_, i) => ({ Effect: 'Allow', Action: `s3:GetObject${i}`, Resource: `arn:aws:s3:::bucket-number-${i}/*` })) };
    writeText(dir, 'long.json', JSON.stringify(long));
    expect(expectUserError(iamra(dir, ['policy', 'session', '--check', 'long.json']), 1)).toMatch(/the session policy is \d{4} characters, more than the 2048 STS accepts/);
  });

  it('refuses bad guardrails with exit 2', () => {
    expect(expectUserError(iamra(dir, ['policy', 'session', '--source-ip', '10.0.0.0/33', '--service', 's3']), 2)).toContain('is not an IP address or CIDR range');
    expect(expectUserError(iamra(dir, ['policy', 'session']), 2)).toContain('at least one action or service');
  });
});

describe('policy lint', () => {
  const lint = (policy: unknown) => {
    writeText(dir, 'lint.json', JSON.stringify(policy));
    return iamra(dir, ['policy', 'lint', 'lint.json', '--json']);
  };
  const statement = (condition: Record<string, unknown>) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: condition }] });
  const codes = (policy: unknown) => (JSON.parse(lint(policy).stdout) as { findings: Array<{ code: string }> }).findings.map((f) => f.code);

  it('passes a policy from policy trust with a match, exit 0', () => {
    const result = lint(statement({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'web-*' } }));
    expect([result.status, result.stdout]).toEqual([0, '{\n  "findings": []\n}\n']);
  });

  it.each([
    ['MISSING_SOURCE_ARN', { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' } }],
    ['SOURCE_ARN_WILDCARD', { ArnLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:*:123456789012:trust-anchor/*' }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' } }],
    ['NEGATIVE_CONDITION_ON_OPTIONAL_TAG', { ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' }, StringNotEquals: { 'aws:PrincipalTag/x509Subject/OU': 'Contractors' } }],
    ['TAG_NEVER_MAPPED', { ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { 'aws:PrincipalTag/x509SAN/IP': '10.0.0.1', 'aws:PrincipalTag/x509Subject/CN': 'web' } }],
    ['ADMITS_EVERY_CERTIFICATE', { ArnEquals: { 'aws:SourceArn': ANCHOR }, StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' } }],
  ])('flags %s, exit 1', (code, condition) => {
    expect(codes(statement(condition))).toEqual([code]);
    expect(lint(statement(condition)).status).toBe(1);
  });

  it('accepts a negative condition once Null false requires the tag, and reads profile mappings', () => {
    expect(codes(statement({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' }, StringNotEquals: { 'aws:PrincipalTag/x509Subject/OU': 'X' }, Null: { 'aws:PrincipalTag/x509Subject/OU': 'false' } }))).toEqual([]);
    writeText(dir, 'mappings.json', JSON.stringify({ profile: { attributeMappings: [{ certificateField: 'x509Subject', mappingRules: [{ specifier: 'OU' }] }] } }));
    writeText(dir, 'cn.json', JSON.stringify(statement({ ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' } })));
    const result = iamra(dir, ['policy', 'lint', 'cn.json', '--profile-mappings', 'mappings.json']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('cn.json: statement 0: TAG_NEVER_MAPPED: aws:PrincipalTag/x509Subject/CN: the attribute mappings never produce tag x509Subject/CN, so this condition sees a missing key\n');
  });

  it('refuses a file that is not a policy, exit 3', () => {
    writeText(dir, 'bad.json', '{"Statement": []}');
    expect(expectUserError(iamra(dir, ['policy', 'lint', 'bad.json']), 3)).toContain('cannot read trust policy bad.json: Statement: must contain at least one statement');
  });
});
