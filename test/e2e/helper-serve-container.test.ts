// `serve --container-token-file` and `serve --roles-config` through the helper under test: the
// container credentials protocol read by real clients (the JS SDK's fromHttp, botocore through
// the AWS CLI v1, the AWS CLI v2), the token check, and several roles in one process.
import { fromHttp } from '@aws-sdk/credential-provider-http';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStsStub, type StsCall } from '../support/sts-stub.js';
import { arnFlags, createPki, issueLeaf, PROFILE_ARN, tempDir, TRUST_ANCHOR_ARN, writeFile, type IdentityFiles } from './helper-support/fixtures.js';
import { isolatedEnv } from './helper-support/run-helper.js';
import { spawnHelper, type RunningHelper } from './helper-support/spawn-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

const TOKEN = 'c0ffee-token-for-containers-0123456789abcdef';
let leaf: IdentityFiles;
let other: IdentityFiles;
let sessions: SessionServer;
let sts: Server;
const stsCalls: StsCall[] = [];
let tokenFile: string;

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'container', 'ec-p256');
  other = await issueLeaf(pki, 'container-other', 'rsa-2048');
  sessions = await startSessionServer();
  sts = await startStsStub(sessions.issued, stsCalls);
  // SDKs send the file's bytes as they are (fromHttp refuses a newline in the header): none at the end.
  tokenFile = writeFile(tempDir('iamra-token-'), 'token', TOKEN, 0o600);
});
afterAll(async () => {
  await sessions.stop();
  await new Promise((resolve) => sts.close(resolve));
});

async function startServe(extra: string[]): Promise<{ helper: RunningHelper; uris: string[] }> {
  const helper = spawnHelper(['serve', '--endpoint', sessions.url, '--port', '0', '--container-token-file', tokenFile, ...extra]);
  await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=/);
  const uris = helper.stderr().split('\n').map((l) => /^export AWS_CONTAINER_CREDENTIALS_FULL_URI=(\S+)$/.exec(l)?.[1]).filter((u): u is string => u !== undefined);
  return { helper, uris };
}

function runAws(program: string, env: Record<string, string>): Promise<string> {
  const clean = Object.fromEntries(Object.entries({ ...process.env, ...isolatedEnv(env) }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
  return new Promise((resolve, reject) =>
    execFile(program, ['sts', 'get-caller-identity', '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'], { env: clean, timeout: 60_000 }, (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out))),
  );
}

describe('serve --container-token-file', () => {
  it('answers the container protocol only with the right Authorization token', async () => {
    const { helper, uris } = await startServe(['--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags()]);
    try {
      expect(uris).toEqual([expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/credentials$/)]);
      const issued = sessions.issued.at(-1)!;
      expect((await fetch(uris[0]!)).status).toBe(401);
      expect((await fetch(uris[0]!, { headers: { authorization: `${TOKEN}x` } })).status).toBe(401);
      expect((await fetch(uris[0]!, { headers: { authorization: TOKEN.slice(0, -1) } })).status).toBe(401);
      const ok = await fetch(uris[0]!, { headers: { authorization: TOKEN } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, Token: issued.sessionToken, Expiration: issued.expiration });
      expect((await fetch(`${uris[0]!}/nobody`, { headers: { authorization: TOKEN } })).status).toBe(404);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  it('real clients read it: the JS SDK fromHttp, botocore (AWS CLI v1) and the AWS CLI v2 sign STS calls that verify', async () => {
    const { helper, uris } = await startServe(['--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags()]);
    try {
      const issued = sessions.issued.at(-1)!;
      const credentials = await fromHttp({ awsContainerCredentialsFullUri: uris[0]!, awsContainerAuthorizationTokenFile: tokenFile })();
      expect(credentials).toMatchObject({ accessKeyId: issued.accessKeyId, secretAccessKey: issued.secretAccessKey, sessionToken: issued.sessionToken });
      const before = stsCalls.length;
      const v1 = JSON.parse(await runAws('aws', { AWS_CONTAINER_CREDENTIALS_FULL_URI: uris[0]!, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: tokenFile })) as { Account: string };
      expect(v1.Account).toBe('123456789012');
      // Debian's AWS CLI v2 (apt awscli); v2.9 predates the _FILE variable, so it gets the token itself.
      const v2 = existsSync('/usr/bin/aws') ? (JSON.parse(await runAws('/usr/bin/aws', { AWS_CONTAINER_CREDENTIALS_FULL_URI: uris[0]!, AWS_CONTAINER_AUTHORIZATION_TOKEN: TOKEN })) as { Account: string }) : undefined;
      if (v2) expect(v2.Account).toBe('123456789012');
      const calls = stsCalls.slice(before);
      expect(calls).toHaveLength(v2 ? 2 : 1);
      for (const call of calls) expect(call).toEqual({ accessKeyId: issued.accessKeyId, sessionToken: issued.sessionToken, signatureValid: true, wrongSecretValid: false });
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  it('refuses an empty token file before serving (exit 2)', async () => {
    const empty = writeFile(tempDir('iamra-token-'), 'empty', '\n', 0o600);
    const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0', '--container-token-file', empty]);
    expect(await helper.exited).toBe(2);
    expect(helper.stderr()).toMatch(/^iamra: invalid --container-token-file: the file holds no token \(.*empty\)\./);
  });
});

describe('serve --roles-config', () => {
  it('serves each role on /v1/credentials/NAME and as IMDS role NAME, with its own certificate and role', async () => {
    const config = writeFile(tempDir('iamra-roles-'), 'roles.json', JSON.stringify({
      roles: {
        app: { certificate: leaf.certPath, 'private-key': leaf.keyPath, 'role-arn': 'arn:aws:iam::123456789012:role/app' },
        batch: { certificate: other.certPath, 'private-key': other.keyPath, 'role-arn': 'arn:aws:iam::123456789012:role/batch', 'session-duration': 900 },
      },
    }));
    const before = sessions.requests.length;
    const { helper, uris } = await startServe(['--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN, '--roles-config', config]);
    try {
      expect(uris.map((u) => u.replace(/:\d+\//, ':PORT/'))).toEqual(['http://127.0.0.1:PORT/v1/credentials/app', 'http://127.0.0.1:PORT/v1/credentials/batch']);
      const requests = sessions.requests.slice(before);
      expect(requests.map((r) => [r.problem, r.query.find(([k]) => k === 'roleArn')?.[1], r.body]).sort()).toEqual([
        [undefined, 'arn:aws:iam::123456789012:role/app', '{"durationSeconds":3600}'],
        [undefined, 'arn:aws:iam::123456789012:role/batch', '{"durationSeconds":900}'],
      ]);
      const app = (await (await fetch(uris[0]!, { headers: { authorization: TOKEN } })).json()) as { AccessKeyId: string; RoleArn: string };
      const batch = (await (await fetch(uris[1]!, { headers: { authorization: TOKEN } })).json()) as { AccessKeyId: string; RoleArn: string };
      expect(app.AccessKeyId).not.toBe(batch.AccessKeyId);
      expect([app.RoleArn, batch.RoleArn]).toEqual(['arn:aws:iam::123456789012:role/app', 'arn:aws:iam::123456789012:role/batch']);
      expect((await fetch(uris[0]!.replace(/\/app$/, ''), { headers: { authorization: TOKEN } })).status).toBe(404);
      const base = uris[0]!.replace(/\/v1\/credentials\/app$/, '');
      const imdsToken = await (await fetch(`${base}/latest/api/token`, { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
      const listing = await (await fetch(`${base}/latest/meta-data/iam/security-credentials/`, { headers: { 'x-aws-ec2-metadata-token': imdsToken } })).text();
      expect(listing).toBe('app\nbatch');
      const imdsBatch = (await (await fetch(`${base}/latest/meta-data/iam/security-credentials/batch`, { headers: { 'x-aws-ec2-metadata-token': imdsToken } })).json()) as { AccessKeyId: string };
      expect(imdsBatch.AccessKeyId).toBe(batch.AccessKeyId);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  it('a role with an unknown flag is ROLES_CONFIG_INVALID (exit 3) before serving', async () => {
    const config = writeFile(tempDir('iamra-roles-'), 'bad.json', JSON.stringify({ roles: { app: { 'role-arn': 'arn:aws:iam::123456789012:role/app', port: 1 } } }));
    const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, '--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN, '--endpoint', sessions.url, '--port', '0', '--roles-config', config]);
    expect(await helper.exited).toBe(3);
    expect(helper.stderr()).toMatch(/^iamra: cannot read the roles config: role app: unknown or unsupported flag "port" \(.*bad\.json\)\./);
  });
});
