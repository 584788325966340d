// STS GetCallerIdentity against the emulator with credentials `iamra credential-process` got from
// it: the AWS CLI (v1, and v2 when installed) and @aws-sdk/client-sts, each verified by SigV4 with
// the issued secret and session token; unknown, tampered and expired credentials refused in STS's
// codes.
import { GetCallerIdentityCommand, STSClient, STSServiceException } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { AWS_CLIS, runAws } from '../support/aws-cli.js';
import { createPki, issueLeaf, type IdentityFiles } from './helper-support/fixtures.js';
import { runHelper } from './helper-support/run-helper.js';

let fixture: EmulatorFixture;
let leaf: IdentityFiles;
let offsetMs = 0;

interface ProcessCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

async function issue(): Promise<ProcessCredentials> {
  const result = await runHelper([
    'credential-process', '--certificate', leaf.certPath, '--private-key', leaf.keyPath,
    '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn,
    '--endpoint', fixture.emulator.url, '--role-session-name', 'sts-test',
  ]);
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout) as ProcessCredentials;
}

function cliEnv(c: Pick<ProcessCredentials, 'AccessKeyId' | 'SecretAccessKey'> & { SessionToken?: string }): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: c.AccessKeyId, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey, ...(c.SessionToken ? { AWS_SESSION_TOKEN: c.SessionToken } : {}) };
}

function sdkClient(c: ProcessCredentials): STSClient {
  return new STSClient({
    region: 'us-east-1',
    endpoint: fixture.emulator.url,
    credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken },
    maxAttempts: 1,
  });
}

async function sdkError(client: STSClient): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await client.send(new GetCallerIdentityCommand({}));
  } catch (error) {
    if (error instanceof STSServiceException) return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
    throw error;
  }
  throw new Error('GetCallerIdentity succeeded');
}

/** AWS CLI calls start Python: seconds each on a loaded machine. */
const CLI_TIMEOUT_MS = 180_000;
const EXPECTED_ARN = 'arn:aws:sts::123456789012:assumed-role/iamra-test/sts-test';

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'sts-workload', 'ec-p256');
  fixture = await startEmulatorWithAnchor({
    caCertPems: [pki.root.certPem],
    now: () => new Date(Date.now() + offsetMs),
    profile: { acceptRoleSessionName: true },
  });
});
afterAll(() => fixture.stop());

describe('STS GetCallerIdentity with issued credentials', () => {
  for (const cli of AWS_CLIS) {
    it(`${cli.name}: returns the assumed-role session ARN, account and AROA UserId`, async () => {
      const credentials = await issue();
      const result = await runAws(cli.binary, ['sts', 'get-caller-identity', '--endpoint-url', fixture.emulator.url], cliEnv(credentials));
      expect(result.stderr).toBe('');
      const identity = JSON.parse(result.stdout) as { UserId: string; Account: string; Arn: string };
      expect(identity.Arn).toBe(EXPECTED_ARN);
      expect(identity.Account).toBe('123456789012');
      expect(identity.UserId).toMatch(/^AROA[A-Z2-7]{17}:sts-test$/);
    }, CLI_TIMEOUT_MS);
  }

  it('@aws-sdk/client-sts: the same identity; a wrong secret, no session token or an unknown key are refused', async () => {
    const credentials = await issue();
    const identity = await sdkClient(credentials).send(new GetCallerIdentityCommand({}));
    expect([identity.Arn, identity.Account]).toEqual([EXPECTED_ARN, '123456789012']);
    expect(await sdkError(sdkClient({ ...credentials, SecretAccessKey: `${credentials.SecretAccessKey.slice(1)}x` }))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      status: 403,
    });
    expect(await sdkError(sdkClient({ ...credentials, SessionToken: 'not-the-token' }))).toEqual({
      name: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    expect(await sdkError(sdkClient({ ...credentials, AccessKeyId: 'ASIAUNKNOWNUNKNOWN' }))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });

  it('the AWS CLI without the session token gets InvalidClientTokenId', async () => {
    const credentials = await issue();
    const result = await runAws('aws', ['sts', 'get-caller-identity', '--endpoint-url', fixture.emulator.url], cliEnv({ ...credentials, SessionToken: undefined }));
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('(InvalidClientTokenId) when calling the GetCallerIdentity operation: The security token included in the request is invalid.');
  }, CLI_TIMEOUT_MS);

  it('a signature dated more than 15 minutes from the emulator clock gets SignatureDoesNotMatch in AWS\'s words', async () => {
    const credentials = await issue();
    try {
      offsetMs = 20 * 60_000;
      expect(await sdkError(sdkClient(credentials))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403, message: expect.stringMatching(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/) });
      offsetMs = -20 * 60_000;
      expect(await sdkError(sdkClient(credentials))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403, message: expect.stringMatching(/^Signature not yet current: /) });
      offsetMs = 10 * 60_000;
      expect((await sdkClient(credentials).send(new GetCallerIdentityCommand({}))).Arn).toBe(EXPECTED_ARN);
    } finally {
      offsetMs = 0;
    }
  });

  it('expired credentials get ExpiredToken once the emulator clock passes their expiration', async () => {
    const credentials = await issue();
    expect((await sdkClient(credentials).send(new GetCallerIdentityCommand({}))).Arn).toBe(EXPECTED_ARN);
    offsetMs = Date.parse(credentials.Expiration) - Date.now() + 1000;
    try {
      expect(await sdkError(sdkClient(credentials))).toEqual({ name: 'ExpiredToken', status: 403, message: 'The security token included in the request is expired' });
      const cli = await runAws('aws', ['sts', 'get-caller-identity', '--endpoint-url', fixture.emulator.url], cliEnv(credentials));
      expect(cli.stderr).toContain('(ExpiredToken) when calling the GetCallerIdentity operation');
    } finally {
      offsetMs = 0;
    }
  }, CLI_TIMEOUT_MS);
});
