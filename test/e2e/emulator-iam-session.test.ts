// A role made through the emulator's IAM API (@aws-sdk/client-iam) is one CreateSession can
// assume: its trust policy decides, UpdateAssumeRolePolicy takes effect at once, and the session's
// assumedRoleId carries the RoleId GetRole reports; DeleteRole makes the role unknown again.
import { CreateRoleCommand, DeleteRoleCommand, GetRoleCommand, IAMClient, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissiveTrustPolicy, startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/apps/made-by-iam';
let fixture: EmulatorFixture;
let leaf: TestIdentity;

function iam(): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint: fixture.emulator.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
}

async function session(): Promise<{ status: number; message: unknown; assumedRoleId?: string }> {
  const answer = await callCreateSession({ url: fixture.emulator.url, signer: signerFromIdentity(leaf), trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: ROLE_ARN });
  const entry = (answer.json.credentialSet as Array<{ assumedRoleUser: { assumedRoleId: string } }> | undefined)?.[0];
  return { status: answer.status, message: answer.json.message, ...(entry ? { assumedRoleId: entry.assumedRoleUser.assumedRoleId } : {}) };
}

beforeAll(async () => {
  const root = await createTestRoot();
  leaf = await issueTestCertificate(root, { subject: 'CN=iam-session', serialHex: '2a' });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], profile: { roleArns: [ROLE_ARN] } });
});
afterAll(() => fixture.stop());

describe('roles made through IAM, assumed through CreateSession', () => {
  it('follows CreateRole, UpdateAssumeRolePolicy and DeleteRole', async () => {
    expect((await session()).message).toBe(`Unable to assume role for ${ROLE_ARN}`);
    const trust = JSON.stringify(permissiveTrustPolicy(fixture.trustAnchorArn));
    await iam().send(new CreateRoleCommand({ RoleName: 'made-by-iam', Path: '/apps/', AssumeRolePolicyDocument: trust }));
    const { Role } = await iam().send(new GetRoleCommand({ RoleName: 'made-by-iam' }));
    expect(await session()).toEqual({ status: 201, message: undefined, assumedRoleId: `${Role!.RoleId}:2a` });
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'made-by-iam', PolicyDocument: deny }));
    expect((await session()).status).toBe(403);
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'made-by-iam', PolicyDocument: trust }));
    expect((await session()).status).toBe(201);
    await iam().send(new DeleteRoleCommand({ RoleName: 'made-by-iam' }));
    expect((await session()).message).toBe(`Unable to assume role for ${ROLE_ARN}`);
  });
});
