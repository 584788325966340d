// CreateSession refusals after the signature verifies (roles-anywhere.md §1.4 step 6-7, §1.8):
// certificate rules, trust anchors, CRLs, profiles, roles, durations, tags and trust policies,
// each with the service's status and message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../../../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../../../test/support/pki.js';
import { callCreateSession, signerFromIdentity, type SessionInput } from '../../../test/support/session-client.js';
import { buildTestCrl } from '../../../test/support/test-crl.js';

const STRICT_ROLE = 'arn:aws:iam::123456789012:role/strict';
const SHORT_ROLE = 'arn:aws:iam::123456789012:role/short';
const OTHER_ROLE = 'arn:aws:iam::123456789012:role/not-in-profile';
const DAY = 86_400_000;

let fixture: EmulatorFixture;
const pki: Record<string, TestIdentity> = {};
const log: string[] = [];

beforeAll(async () => {
  const root = await createTestRoot({ subject: 'CN=trust root' });
  pki.root = root;
  pki.other = await createTestRoot({ subject: 'CN=trust root' });
  pki.good = await issueTestCertificate(root, { subject: 'CN=good' });
  pki.expired = await issueTestCertificate(root, { subject: 'CN=expired', notBefore: new Date(Date.now() - 3 * DAY), notAfter: new Date(Date.now() - DAY) });
  pki.future = await issueTestCertificate(root, { subject: 'CN=future', notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 3 * DAY) });
  pki.caLeaf = await issueTestCertificate(root, { subject: 'CN=ca leaf', isCa: true, keyUsage: 1 });
  pki.noDigitalSignature = await issueTestCertificate(root, { subject: 'CN=no ds', keyUsage: 4 });
  pki.sha1 = await issueTestCertificate(root, { subject: 'CN=sha1', hash: 'SHA-1' });
  pki.foreign = await issueTestCertificate(pki.other, { subject: 'CN=foreign' });
  pki.revoked = await issueTestCertificate(root, { subject: 'CN=revoked' });
  pki.untaggable = await issueTestCertificate(root, { subject: 'CN=bad(name)' });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], options: { log: (line) => log.push(line) } });
  const control = fixture.emulator.control;
  const profileId = fixture.profileArn.slice(fixture.profileArn.lastIndexOf('/') + 1);
  await control.updateProfile({ profileId, roleArns: [fixture.roleArn, STRICT_ROLE, SHORT_ROLE] });
  await fixture.emulator.putRole({
    arn: STRICT_ROLE,
    trustPolicy: {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'rolesanywhere.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'someone-else' } },
        },
      ],
    },
  });
  await fixture.emulator.putRole({ arn: SHORT_ROLE, maxSessionDuration: 3600, trustPolicy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:*' }] } });
});

afterAll(() => fixture.stop());

function input(identity: TestIdentity, extra: Partial<SessionInput> = {}): SessionInput {
  return {
    url: fixture.emulator.url,
    signer: signerFromIdentity(identity),
    trustAnchorArn: fixture.trustAnchorArn,
    profileArn: fixture.profileArn,
    roleArn: fixture.roleArn,
    ...extra,
  };
}

async function refusal(session: SessionInput): Promise<[number, string | undefined, unknown]> {
  const answer = await callCreateSession(session);
  return [answer.status, answer.errorType, answer.json.message];
}

const denied = (message: string) => [403, 'AccessDeniedException', message];
const UNTRUSTED = denied('Untrusted signing certificate');

describe('certificate rules', () => {
  it.each([
    ['expired', 'expired at'],
    ['future', 'is not valid before'],
    ['caLeaf', 'is a CA'],
    ['noDigitalSignature', 'keyUsage lacks digitalSignature'],
    ['sha1', 'weaker than SHA-256'],
    ['foreign', 'no path from'],
  ])('%s certificate: Untrusted signing certificate', async (name, reason) => {
    expect(await refusal(input(pki[name]!))).toEqual(UNTRUSTED);
    expect(log.at(-1)).toContain(reason);
  });
});

describe('trust anchors', () => {
  it('an unknown trust anchor: Specified Trust Anchor wasn\'t found.', async () => {
    const arn = fixture.trustAnchorArn.replace(/[0-9a-f]{12}$/, '000000000000');
    expect(await refusal(input(pki.good!, { trustAnchorArn: arn }))).toEqual(denied("Specified Trust Anchor wasn't found."));
  });

  it('a disabled trust anchor: Untrusted signing certificate, until enabled again', async () => {
    const trustAnchorId = fixture.trustAnchorArn.slice(fixture.trustAnchorArn.lastIndexOf('/') + 1);
    await fixture.emulator.control.disableTrustAnchor({ trustAnchorId });
    expect(await refusal(input(pki.good!))).toEqual(UNTRUSTED);
    expect(log.at(-1)).toContain('is disabled');
    await fixture.emulator.control.enableTrustAnchor({ trustAnchorId });
    expect((await callCreateSession(input(pki.good!))).status).toBe(201);
  });
});

describe('revocation', () => {
  it('a certificate in an enabled CRL is revoked; in a disabled one it is not', async () => {
    const crl = buildTestCrl({ issuer: pki.root!, revokedSerials: [pki.revoked!.serialHex] });
    const { crl: imported } = await fixture.emulator.control.importCrl({ name: 'revocations', crlData: Buffer.from(crl.pem), trustAnchorArn: fixture.trustAnchorArn, enabled: true });
    expect(await refusal(input(pki.revoked!))).toEqual(denied('Certificate revoked'));
    expect((await callCreateSession(input(pki.good!))).status).toBe(201);
    await fixture.emulator.control.disableCrl({ crlId: imported.crlId });
    expect((await callCreateSession(input(pki.revoked!))).status).toBe(201);
    await fixture.emulator.control.deleteCrl({ crlId: imported.crlId });
  });

  it('a CRL with the right issuer name but another key is not trusted to revoke', async () => {
    const forged = buildTestCrl({ issuer: { ...pki.other!, certificate: pki.root!.certificate }, revokedSerials: [pki.good!.serialHex] });
    const trustAnchorArn = fixture.trustAnchorArn;
    await expect(fixture.emulator.control.importCrl({ name: 'forged', crlData: forged.der, trustAnchorArn, enabled: true })).rejects.toMatchObject({
      type: 'ValidationException',
    });
    expect((await callCreateSession(input(pki.good!))).status).toBe(201);
  });
});

describe('profiles and roles', () => {
  it('an unknown profile: Invalid or empty profile provided.', async () => {
    const arn = fixture.profileArn.replace(/[0-9a-f]{12}$/, '000000000000');
    expect(await refusal(input(pki.good!, { profileArn: arn }))).toEqual(denied('Invalid or empty profile provided.'));
  });

  it('a role the profile does not list', async () => {
    expect(await refusal(input(pki.good!, { roleArn: OTHER_ROLE }))).toEqual(denied("Requested Role isn't one of those listed in the Profile."));
  });

  it('a disabled profile: Invalid or empty profile provided.', async () => {
    const profileId = fixture.profileArn.slice(fixture.profileArn.lastIndexOf('/') + 1);
    await fixture.emulator.control.disableProfile({ profileId });
    expect(await refusal(input(pki.good!))).toEqual(denied('Invalid or empty profile provided.'));
    await fixture.emulator.control.enableProfile({ profileId });
  });

  it('a roleSessionName the profile does not accept', async () => {
    expect(await refusal(input(pki.good!, { body: { roleSessionName: 'custom' } }))).toEqual(denied('Not authorized to set roleSessionName'));
  });

  it('a duration above the role maximum', async () => {
    const profileId = fixture.profileArn.slice(fixture.profileArn.lastIndexOf('/') + 1);
    await fixture.emulator.control.updateProfile({ profileId, durationSeconds: 7200 });
    const result = await refusal(input(pki.good!, { roleArn: SHORT_ROLE, body: { durationSeconds: 7200 } }));
    await fixture.emulator.control.updateProfile({ profileId, durationSeconds: 3600 });
    expect(result).toEqual(denied(`Unable to assume role for ${SHORT_ROLE} The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`));
  });

  it('a duration above 43200: the validation message', async () => {
    expect(await refusal(input(pki.good!, { body: { durationSeconds: 43201 } }))).toEqual([
      400,
      'ValidationException',
      "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    ]);
  });

  it('the duration is the smaller of the request and the profile', async () => {
    const answer = await callCreateSession(input(pki.good!, { body: { durationSeconds: 7200 } }));
    const expiration = (answer.json.credentialSet as Array<{ credentials: { expiration: string } }>)[0]!.credentials.expiration;
    expect(Math.round((Date.parse(expiration) - Date.now()) / 60_000)).toBe(60);
  });

  it('a trust policy condition that is not met: Unable to assume role, explained in the log', async () => {
    expect(await refusal(input(pki.good!, { roleArn: STRICT_ROLE }))).toEqual(denied(`Unable to assume role for ${STRICT_ROLE}`));
    expect(log.at(-1)).toContain('StringEquals aws:PrincipalTag/x509Subject/CN ["someone-else"] not met (request has "good")');
  });

  it('a certificate value that cannot be a session tag fails the call', async () => {
    expect(await refusal(input(pki.untaggable!))).toEqual(
      denied(`Unable to assume role for ${fixture.roleArn} Some attributes failed to be mapped into session tags. Issuer: [  ]; Subject: [ CN ]; SAN: [  ]`),
    );
    expect(log.at(-1)).toContain('x509Subject/CN: character "(" is not allowed');
  });
});
