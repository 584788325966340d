// The IAM role API on the emulator's base URL (Query protocol, signing name `iam`): the AWS CLI
// (v1, and v2 when installed) and @aws-sdk/client-iam create, read, update, list and delete roles
// beside the roles file, with IAM's error codes; roles persist with --state; with --access-keys
// the calls must be signed by one of those keys. The SDK names the errors by IAM's codes
// (NoSuchEntity -> NoSuchEntityException).
import { CreateRoleCommand, GetRoleCommand, IAMClient, IAMServiceException, ListRolesCommand } from '@aws-sdk/client-iam';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CLIS, runAws } from '../support/aws-cli.js';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';
import { permissiveTrustPolicy } from '../support/emulator-fixture.js';
import { tempDir } from './helper-support/fixtures.js';

const ANY_ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/*';
const TRUST = JSON.stringify(permissiveTrustPolicy(ANY_ANCHOR)).replace('ArnEquals', 'ArnLike');
/** Each AWS CLI call starts Python (seconds on a loaded machine); these tests make up to 8. */
const CLI_TIMEOUT_MS = 240_000;
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIDIAMTEST', AWS_SECRET_ACCESS_KEY: 'iam-test-secret' };

let dir: string;
let emulator: EmulatorProcess;

function iam(cli: string, args: string[], env: Record<string, string> = KEYS) {
  return runAws(cli, ['iam', ...args, '--endpoint-url', emulator.url], env);
}

function sdk(credentials = { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY }): IAMClient {
  return new IAMClient({ region: 'us-east-1', endpoint: emulator.url, credentials, maxAttempts: 1 });
}

async function sdkError(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IAMServiceException) return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
    throw error;
  }
  throw new Error('the IAM call succeeded');
}

beforeAll(async () => {
  dir = tempDir('iamra-emulator-iam-');
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ [KEYS.AWS_ACCESS_KEY_ID]: KEYS.AWS_SECRET_ACCESS_KEY }));
  writeFileSync(join(dir, 'roles.json'), JSON.stringify({ roles: [{ arn: 'arn:aws:iam::123456789012:role/from-file', trustPolicy: JSON.parse(TRUST) as unknown }] }));
  emulator = await startEmulatorProcess(['--state', 'state.db', '--roles', 'roles.json', '--access-keys', 'keys.json'], { cwd: dir });
});
afterAll(() => emulator.stop());

describe('IAM roles through the AWS CLI', () => {
  for (const cli of AWS_CLIS) {
    it(`${cli.name}: create-role, get-role, update-assume-role-policy, list-roles, delete-role`, async () => {
      const name = `cli-${cli.binary === 'aws' ? 'v1' : 'v2'}`;
      const created = await iam(cli.binary, ['create-role', '--role-name', name, '--path', '/team/', '--assume-role-policy-document', TRUST, '--max-session-duration', '7200', '--description', 'made by the CLI']);
      expect(created.stderr).toBe('');
      const role = (JSON.parse(created.stdout) as { Role: Record<string, unknown> }).Role;
      expect(role).toMatchObject({ RoleName: name, Path: '/team/', Arn: `arn:aws:iam::123456789012:role/team/${name}`, MaxSessionDuration: 7200, Description: 'made by the CLI' });
      expect(role.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
      // botocore URL-decodes and parses the policy document IAM sends URL-encoded.
      expect(role.AssumeRolePolicyDocument).toEqual(JSON.parse(TRUST));
      const again = await iam(cli.binary, ['create-role', '--role-name', name.toUpperCase(), '--assume-role-policy-document', TRUST]);
      expect(again.stderr).toContain(`(EntityAlreadyExists) when calling the CreateRole operation: Role with name ${name.toUpperCase()} already exists.`);
      const denyAll = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
      expect((await iam(cli.binary, ['update-assume-role-policy', '--role-name', name, '--policy-document', denyAll])).status).toBe(0);
      const fetched = JSON.parse((await iam(cli.binary, ['get-role', '--role-name', name])).stdout) as { Role: { AssumeRolePolicyDocument: unknown } };
      expect(fetched.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(denyAll));
      const listed = JSON.parse((await iam(cli.binary, ['list-roles', '--path-prefix', '/team/'])).stdout) as { Roles: Array<{ RoleName: string }> };
      expect(listed.Roles.map((r) => r.RoleName)).toContain(name);
      expect((await iam(cli.binary, ['delete-role', '--role-name', name])).status).toBe(0);
      const gone = await iam(cli.binary, ['get-role', '--role-name', name]);
      expect(gone.stderr).toContain(`(NoSuchEntity) when calling the GetRole operation: The role with name ${name} cannot be found.`);
    }, CLI_TIMEOUT_MS);
  }

  it('refuses a bad name (ValidationError), a policy that is not JSON or not a policy (MalformedPolicyDocument), and unknown keys', async () => {
    const badName = await iam('aws', ['create-role', '--role-name', 'bad/name', '--assume-role-policy-document', TRUST]);
    expect(badName.stderr).toContain("(ValidationError) when calling the CreateRole operation: 1 validation error detected: Value 'bad/name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    const notJson = await iam('aws', ['create-role', '--role-name', 'x', '--assume-role-policy-document', '{"Version":']);
    expect(notJson.stderr).toContain('(MalformedPolicyDocument) when calling the CreateRole operation: This policy contains invalid Json');
    const noStatement = await iam('aws', ['update-assume-role-policy', '--role-name', 'from-file', '--policy-document', '{"Version":"2012-10-17"}']);
    expect(noStatement.stderr).toContain('(MalformedPolicyDocument) when calling the UpdateAssumeRolePolicy operation');
    const stranger = await iam('aws', ['list-roles'], { AWS_ACCESS_KEY_ID: 'AKIDSTRANGER', AWS_SECRET_ACCESS_KEY: 'x' });
    expect(stranger.stderr).toContain('(InvalidClientTokenId) when calling the ListRoles operation: The security token included in the request is invalid.');
    const wrongSecret = await iam('aws', ['list-roles'], { ...KEYS, AWS_SECRET_ACCESS_KEY: 'wrong' });
    expect(wrongSecret.stderr).toContain('(SignatureDoesNotMatch) when calling the ListRoles operation');
  }, CLI_TIMEOUT_MS);
});

describe('IAM roles through @aws-sdk/client-iam, and across a restart', () => {
  it('creates a role the SDK reads back (policy URL-encoded, as IAM sends it), lists the roles file beside it', async () => {
    const created = await sdk().send(new CreateRoleCommand({ RoleName: 'sdk-role', AssumeRolePolicyDocument: TRUST, Tags: [{ Key: 'team', Value: 'pki' }] }));
    expect(created.Role?.Arn).toBe('arn:aws:iam::123456789012:role/sdk-role');
    const got = await sdk().send(new GetRoleCommand({ RoleName: 'sdk-role' }));
    expect(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!))).toEqual(JSON.parse(TRUST));
    expect(got.Role?.Tags).toEqual([{ Key: 'team', Value: 'pki' }]);
    expect(got.Role?.CreateDate).toBeInstanceOf(Date);
    const names = (await sdk().send(new ListRolesCommand({}))).Roles!.map((r) => r.RoleName);
    expect(names).toEqual(expect.arrayContaining(['from-file', 'sdk-role']));
    expect(await sdkError(sdk().send(new GetRoleCommand({ RoleName: 'nobody' })))).toEqual({ name: 'NoSuchEntityException', status: 404, message: 'The role with name nobody cannot be found.' });
    expect(await sdkError(sdk().send(new CreateRoleCommand({ RoleName: 'sdk-role', AssumeRolePolicyDocument: TRUST })))).toMatchObject({ name: 'EntityAlreadyExistsException', status: 409 });
  });

  it('keeps roles made through IAM in the --state file across a restart', async () => {
    await emulator.stop();
    emulator = await startEmulatorProcess(['--state', 'state.db', '--roles', 'roles.json', '--access-keys', 'keys.json'], { cwd: dir });
    const got = await sdk().send(new GetRoleCommand({ RoleName: 'sdk-role' }));
    expect(got.Role?.Arn).toBe('arn:aws:iam::123456789012:role/sdk-role');
  });
});
