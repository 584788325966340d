// `iamra/credentials` (the built package subpath) in a real AWS SDK v3 client: STSClient signs
// GetCallerIdentity with the credentials fromRolesAnywhere obtained in process, and a local STS
// checks that SigV4 signature with the issued secret. CreateSession goes to the test server, which
// verifies the X.509 signature and records what it issued.
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Credentials from '../../credential-process/provider/credentials.js';
import { startStsStub, type StsCall } from '../support/sts-stub.js';
import { createPki, encryptKey, issueLeaf, PASSWORD, PROFILE_ARN, ROLE_ARN, tempDir, TRUST_ANCHOR_ARN, type IdentityFiles } from './helper-support/fixtures.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

// Through package.json "exports", as users import it (dist/ is built by npm test's pretest).
const SUBPATH: string = 'iamra/credentials';
let api: typeof Credentials;
let server: SessionServer;
let sts: Server;
const stsCalls: StsCall[] = [];
let leaf: IdentityFiles;
let second: IdentityFiles;

beforeAll(async () => {
  api = (await import(SUBPATH)) as typeof Credentials;
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'provider', 'ec-p256');
  second = await issueLeaf(pki, 'provider-rotated', 'rsa-2048');
  server = await startSessionServer();
  sts = await startStsStub(server.issued, stsCalls);
});
afterAll(async () => {
  await server.stop();
  await new Promise((resolve) => sts.close(resolve));
});

const arns = { trustAnchorArn: TRUST_ANCHOR_ARN, profileArn: PROFILE_ARN, roleArn: ROLE_ARN };
const serialOf = (files: IdentityFiles): string => BigInt(`0x${files.identity.serialHex}`).toString(10);

describe('fromRolesAnywhere with a real STSClient', () => {
  it('signs GetCallerIdentity with credentials from an in-process CreateSession', async () => {
    const before = server.requests.length;
    const client = new STSClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${(sts.address() as AddressInfo).port}`, credentials: api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: leaf.keyPath, endpoint: server.url, ...arns }) });
    const identity = await client.send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    const issued = server.issued.at(-1)!;
    expect(stsCalls.at(-1)).toEqual({ accessKeyId: issued.accessKeyId, sessionToken: issued.sessionToken, signatureValid: true, wrongSecretValid: false });
    const sessions = server.requests.slice(before);
    expect(sessions.map((r) => [r.problem, r.serialDecimal, r.body])).toEqual([[undefined, serialOf(leaf), '{"durationSeconds":3600}']]);
  });
});

describe('caching and refresh', () => {
  it('concurrent calls share one CreateSession, and later calls reuse it until near expiry', async () => {
    const before = server.requests.length;
    const provider = api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: leaf.keyPath, endpoint: server.url, durationSeconds: 900, ...arns });
    const results = await Promise.all([provider(), provider(), provider(), provider()]);
    expect(new Set(results.map((r) => r.accessKeyId)).size).toBe(1);
    expect((await provider()).accessKeyId).toBe(results[0]!.accessKeyId);
    expect(server.requests.length - before).toBe(1);
    expect(results[0]!.expiration.getTime() - Date.now()).toBeGreaterThan(800_000);
  });

  it('refreshes when the credentials are within the margin, re-reading rotated certificate and key files', async () => {
    const dir = tempDir('iamra-provider-');
    const [certPath, keyPath] = [join(dir, 'client.crt'), join(dir, 'client.key')];
    copyFileSync(leaf.certPath, certPath);
    copyFileSync(leaf.keyPath, keyPath);
    const before = server.requests.length;
    // 900 s credentials with a 1000 s margin: every call is due for a refresh.
    const provider = api.fromRolesAnywhere({ certificate: certPath, privateKey: keyPath, endpoint: server.url, durationSeconds: 900, refreshBeforeExpirySeconds: 1000, ...arns });
    const first = await provider();
    copyFileSync(second.certPath, certPath);
    copyFileSync(second.keyPath, keyPath);
    const next = await provider();
    expect(next.accessKeyId).not.toBe(first.accessKeyId);
    expect(server.requests.slice(before).map((r) => [r.problem, r.serialDecimal])).toEqual([[undefined, serialOf(leaf)], [undefined, serialOf(second)]]);
  });
});

describe('inputs', () => {
  it('takes PEM text and DER bytes in place of paths, and the helper-flag options', async () => {
    const before = server.requests.length;
    const der = execFileSync('openssl', ['pkey', '-in', leaf.keyPath, '-outform', 'DER']);
    expect(der[0]).toBe(0x30);
    const provider = api.fromRolesAnywhere({ certificate: readFileSync(leaf.certPath, 'utf8'), privateKey: der, endpoint: server.url, region: 'us-east-1', durationSeconds: 1800, sessionName: 'in-process', ...arns });
    await provider();
    expect(server.requests.slice(before).map((r) => r.body)).toEqual(['{"durationSeconds":1800,"roleSessionName":"in-process"}']);
  });

  it('decrypts an scrypt-encrypted PKCS#8 key with pkcs8Password', async () => {
    const encrypted = encryptKey(leaf, 'provider-scrypt', ['-scrypt']);
    const credentials = await api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: encrypted, pkcs8Password: PASSWORD, endpoint: server.url, ...arns })();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
  });
});

describe('typed errors with the helper codes', () => {
  it('a wrong pkcs8Password is an InputError KEY_WRONG_PASSPHRASE, before any request', async () => {
    const encrypted = encryptKey(leaf, 'provider-wrong', ['-v2', 'aes-256-cbc']);
    const before = server.requests.length;
    const error = await api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: encrypted, pkcs8Password: 'nope', endpoint: server.url, ...arns })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.InputError);
    expect(error).toMatchObject({ code: 'KEY_WRONG_PASSPHRASE', exitCode: 3 });
    expect(server.requests.length).toBe(before);
  });

  it('a refusal from the service is a RefusedError SESSION_REFUSED; missing ARNs are a UsageError', async () => {
    server.script.push({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: '{"message":"Untrusted signing certificate"}' });
    const refused = await api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: leaf.keyPath, endpoint: server.url, ...arns })().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(api.RefusedError);
    expect(refused).toMatchObject({ code: 'SESSION_REFUSED' });
    const usage = await api.fromRolesAnywhere({ certificate: leaf.certPath, privateKey: leaf.keyPath, endpoint: server.url, ...arns, roleArn: '' })().catch((e: unknown) => e);
    expect(usage).toBeInstanceOf(api.UsageError);
    expect(usage).toMatchObject({ code: 'MISSING_FLAG', exitCode: 2 });
  });
});
