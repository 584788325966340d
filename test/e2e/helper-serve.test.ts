// `serve` through the built binary: the IMDSv2 protocol, the AWS SDK's IMDS provider against it,
// background refresh, keeping the last good credentials, and failing fast on a cold-start error.
import { fromInstanceMetadata } from '@aws-sdk/credential-provider-imds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor } from '../support/emulator-fixture.js';
import { arnFlags, createPki, issueLeaf, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { spawnHelper, type RunningHelper } from './helper-support/spawn-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let pki: TestPki;
let leaf: IdentityFiles;
let sessions: SessionServer;

beforeAll(async () => {
  pki = await createPki();
  leaf = await issueLeaf(pki, 'served', 'ec-p256');
  sessions = await startSessionServer();
});
afterAll(() => sessions.stop());

async function startServe(extra: string[] = []): Promise<{ helper: RunningHelper; endpoint: string }> {
  const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0', ...extra]);
  const m = await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+\/)$/);
  return { helper, endpoint: m[1]! };
}

async function token(endpoint: string, headers: Record<string, string> = { 'x-aws-ec2-metadata-token-ttl-seconds': '60' }): Promise<Response> {
  return fetch(new URL('latest/api/token', endpoint), { method: 'PUT', headers });
}

describe('serve', () => {
  it('speaks IMDSv2: token, role listing, credentials; refuses forwarded, tokenless and bad requests', async () => {
    const { helper, endpoint } = await startServe();
    try {
      const issued = sessions.issued.at(-1)!;
      const tokenResponse = await token(endpoint);
      expect(tokenResponse.status).toBe(200);
      expect(tokenResponse.headers.get('x-aws-ec2-metadata-token-ttl-seconds')).toBe('60');
      const value = await tokenResponse.text();
      expect(value).toHaveLength(100);
      const auth = { 'x-aws-ec2-metadata-token': value };
      const list = await fetch(new URL('latest/meta-data/iam/security-credentials/', endpoint), { headers: auth });
      expect(await list.text()).toBe('iamra-test');
      const document = await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', endpoint), { headers: auth });
      const body = (await document.json()) as Record<string, string>;
      expect(body).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: issued.accessKeyId, SecretAccessKey: issued.secretAccessKey, Token: issued.sessionToken, Expiration: issued.expiration });
      expect((await token(endpoint, { 'x-aws-ec2-metadata-token-ttl-seconds': '60', 'x-forwarded-for': '10.0.0.1' })).status).toBe(400);
      expect((await token(endpoint, { 'x-aws-ec2-metadata-token-ttl-seconds': '0' })).status).toBe(400);
      expect((await token(endpoint, { 'x-aws-ec2-metadata-token-ttl-seconds': '21601' })).status).toBe(400);
      expect((await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', endpoint))).status).toBe(401);
      expect((await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', endpoint), { headers: { 'x-aws-ec2-metadata-token': 'forged' } })).status).toBe(401);
      expect((await fetch(new URL('latest/meta-data/iam/security-credentials/other-role', endpoint), { headers: auth })).status).toBe(404);
      expect((await fetch(new URL('latest/api/token', endpoint))).status).toBe(405);
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });

  it('binds another address only when asked, with a warning', async () => {
    const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0', '--address', '0.0.0.0']);
    try {
      const m = await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=http:\/\/0\.0\.0\.0:(\d+)\/$/);
      expect(helper.stderr()).toContain('iamra: warning: serving credentials on 0.0.0.0, reachable from other machines.');
      expect((await token(`http://127.0.0.1:${m[1]}/`)).status).toBe(200);
    } finally {
      await helper.stop();
    }
  });

  it('serves the AWS SDK IMDS provider (IMDSv2) through AWS_EC2_METADATA_SERVICE_ENDPOINT', async () => {
    const { helper, endpoint } = await startServe();
    const previous = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = endpoint;
    try {
      const credentials = await fromInstanceMetadata({ timeout: 5000, maxRetries: 0 })();
      const issued = sessions.issued.at(-1)!;
      expect(credentials.accessKeyId).toBe(issued.accessKeyId);
      expect(credentials.secretAccessKey).toBe(issued.secretAccessKey);
      expect(credentials.sessionToken).toBe(issued.sessionToken);
    } finally {
      if (previous === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = previous;
      await helper.stop();
    }
  });

  it('serves emulator-issued credentials to the SDK over TLS (AWS_CA_BUNDLE)', async () => {
    const fixture = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
    const arns = ['--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn];
    const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arns, '--endpoint', fixture.emulator.url, '--port', '0'], { AWS_CA_BUNDLE: fixture.emulator.caCertPath });
    const previous = process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
    try {
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = (await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(\S+)$/))[1]!;
      const credentials = await fromInstanceMetadata({ timeout: 5000, maxRetries: 0 })();
      expect(credentials.accessKeyId).toMatch(/^ASIA/);
      expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
    } finally {
      if (previous === undefined) delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      else process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = previous;
      expect(await helper.stop()).toBe(0);
      await fixture.stop();
    }
  });

  it('refreshes in the background before expiry, and keeps the last good credentials when a refresh fails', async () => {
    // 302 s lifetime: due for refresh 5 min before expiry, i.e. at once; the helper waits 5 s between tries.
    sessions.lifetimeSeconds = 302;
    const { helper, endpoint } = await startServe();
    try {
      const first = sessions.issued.at(-1)!;
      const before = sessions.issued.length;
      await waitFor(() => sessions.issued.length > before, 20_000);
      const second = sessions.issued.at(-1)!;
      expect(second.accessKeyId).not.toBe(first.accessKeyId);
      for (let i = 0; i < 3; i++) sessions.script.push({ status: 500, body: '{"message":"down"}' });
      await helper.waitForLine(/^iamra: refresh failed: .*HTTP 500.*; serving the previous credentials until they expire; retrying in \d+ s$/, 30_000);
      const value = await (await token(endpoint)).text();
      const body = (await (await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', endpoint), { headers: { 'x-aws-ec2-metadata-token': value } })).json()) as Record<string, string>;
      expect(body.AccessKeyId).toBe(second.accessKeyId);
    } finally {
      sessions.lifetimeSeconds = undefined;
      sessions.script.length = 0;
      await helper.stop();
    }
  });

  it('fails fast when the first CreateSession is refused: exit 1, never listens', async () => {
    sessions.script.push({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: '{"message":"Invalid signature"}' });
    const helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0']);
    expect(await helper.exited).toBe(1);
    expect(helper.stderr()).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Invalid signature \(.*\)\. Check this machine's clock/);
    expect(helper.stderr()).not.toContain('AWS_EC2_METADATA_SERVICE_ENDPOINT');
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
