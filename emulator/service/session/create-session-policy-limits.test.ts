// STS's session-policy limits at CreateSession: a profile's sessionPolicy and managedPolicyArns
// that AssumeRole would refuse make CreateSession fail; within them, packedPolicySize is reported.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../../../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../../../test/support/pki.js';
import { callCreateSession, signerFromIdentity } from '../../../test/support/session-client.js';

let fixture: EmulatorFixture;
let leaf: TestIdentity;
let profileId: string;

beforeAll(async () => {
  const root = await createTestRoot();
  leaf = await issueTestCertificate(root, { subject: 'CN=limits' });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem] });
  profileId = fixture.profileArn.slice(fixture.profileArn.lastIndexOf('/') + 1);
});
afterAll(() => fixture.stop());

const policyArn = (i: number) => `arn:aws:iam::123456789012:policy/limits-${i}`;
/** High-entropy text: the packed size counts compressed bytes, so repetition would not fill it. */
const noise = (seed: string, length: number) =>
  Array.from({ length: Math.ceil(length / 86) }, (_, n) => createHash('sha512').update(`${seed}-${n}`).digest('base64').slice(0, 86)).join('').slice(0, length);
/** At the model's 200-character limit for a profile's managed policy ARN. */
const bulkyPolicyArn = (i: number) => `arn:aws:iam::123456789012:policy/${noise(`arn-${i}`, 200 - 37)}/p-${i}`;
/** Just under the 2,048-character inline limit. */
const bulkyPolicy = () => {
  const resources = Array.from({ length: 20 }, (_, i) => `arn:aws:s3:::${noise(`bucket-${i}`, 80)}`);
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resources }] });
};
const statements = (count: number) =>
  JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: count }, (_, i) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` })) });

async function sessionWith(profile: { sessionPolicy?: string; managedPolicyArns?: string[] }) {
  await fixture.emulator.control.updateProfile({ profileId, managedPolicyArns: [], ...profile });
  const answer = await callCreateSession({
    url: fixture.emulator.url,
    signer: signerFromIdentity(leaf),
    trustAnchorArn: fixture.trustAnchorArn,
    profileArn: fixture.profileArn,
    roleArn: fixture.roleArn,
  });
  const entry = (answer.json.credentialSet as Array<{ packedPolicySize: number }> | undefined)?.[0];
  return { status: answer.status, type: answer.errorType, message: answer.json.message, packed: entry?.packedPolicySize };
}

describe('CreateSession and STS session-policy limits', () => {
  const unable = `Unable to assume role for ${'arn:aws:iam::123456789012:role/iamra-test'}`;

  it('accepts 10 managed policies and a 2,048-character policy, and reports the packed size', async () => {
    const result = await sessionWith({ managedPolicyArns: Array.from({ length: 10 }, (_, i) => policyArn(i)) });
    expect(result).toMatchObject({ status: 201 });
    expect(result.packed).toBeGreaterThan(0);
    expect((await sessionWith({ sessionPolicy: statements(1).padEnd(2048, ' ') })).status).toBe(201);
  });

  it.each([
    ['11 managed policies', { managedPolicyArns: Array.from({ length: 11 }, (_, i) => policyArn(i)) }, "at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10"],
    ['a managed policy ARN that is not one', { managedPolicyArns: ['arn:aws:iam::123456789012:role/not-a-policy'] }, 'Invalid policy ARN: arn:aws:iam::123456789012:role/not-a-policy'],
    ['inline text over 2,048 characters', { sessionPolicy: statements(1).padEnd(2049, ' ') }, "at 'policy' failed to satisfy constraint: Member must have length less than or equal to 2048"],
    ['over the packed size', { sessionPolicy: bulkyPolicy(), managedPolicyArns: Array.from({ length: 10 }, (_, i) => bulkyPolicyArn(i)) }, 'Packed policy consumes'],
  ])('refuses %s with 403 AccessDeniedException', async (_name, profile, wording) => {
    const result = await sessionWith(profile);
    expect([result.status, result.type]).toEqual([403, 'AccessDeniedException']);
    expect(result.message).toContain(unable);
    expect(result.message).toContain(wording);
  });
});
