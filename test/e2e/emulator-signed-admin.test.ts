// The emulator with --access-keys through the built CLI (issue 9, Secrets): SigV4 signatures dated
// more than 15 minutes from the emulator's clock are refused as AWS refuses them (403, "Signature
// expired" / "Signature not yet current"), the /_iamra/ admin routes need the same signature
// (curl --aws-sigv4 works), and a non-loopback --host without --access-keys is warned about.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissiveTrustPolicy } from '../support/emulator-fixture.js';
import { NodeSha256 } from '../support/node-sha256.js';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';

const KEY_ID = 'AKIDADMIN';
const SECRET = 'admin-secret';
const ROLE = { arn: 'arn:aws:iam::123456789012:role/admin-made', trustPolicy: permissiveTrustPolicy('arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/00000000-0000-4000-8000-000000000000') };
let dir: string;
let keyed: EmulatorProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-admin-'));
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ [KEY_ID]: SECRET }));
  keyed = await startEmulatorProcess(['--access-keys', 'keys.json'], { cwd: dir });
});
afterAll(() => keyed.stop());


interface SignedCall {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
  service?: string;
  signingDate?: Date;
}

/** Signs with the AWS SDK's own SigV4 signer (dated as asked) and sends with fetch. */
async function signedFetch(base: string, call: SignedCall): Promise<Response> {
  const url = new URL(call.path, base);
  const signer = new SignatureV4({ credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET }, region: 'us-east-1', service: call.service ?? 'rolesanywhere', sha256: NodeSha256 });
  const headers: Record<string, string> = { host: url.host, ...(call.contentType ? { 'content-type': call.contentType } : {}) };
  const query = Object.fromEntries(url.searchParams);
  const request = { method: call.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers, body: call.body };
  const signed = await signer.sign(request, { signingDate: call.signingDate ?? new Date() });
  const { host: _host, ...sent } = signed.headers as Record<string, string>;
  return fetch(url, { method: call.method, headers: sent, body: call.body });
}

const MINUTE = 60_000;

describe('signature date window (--access-keys)', () => {
  const CASES: Array<[string, number, number, RegExp | undefined]> = [
    ['16 minutes old', -16 * MINUTE, 403, /^Signature expired: (\d{8}T\d{6}Z) is now earlier than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) - 15 min\.\)$/],
    ['16 minutes ahead', 16 * MINUTE, 403, /^Signature not yet current: (\d{8}T\d{6}Z) is still later than (\d{8}T\d{6}Z) \((\d{8}T\d{6}Z) \+ 15 min\.\)$/],
    ['14 minutes old', -14 * MINUTE, 200, undefined],
    ['14 minutes ahead', 14 * MINUTE, 200, undefined],
  ];
  for (const [name, offsetMs, status, message] of CASES) {
    it(`ListTrustAnchors signed ${name}: ${status}`, async () => {
      const signingDate = new Date(Date.now() + offsetMs);
      const response = await signedFetch(keyed.url, { method: 'GET', path: '/trustanchors', signingDate });
      expect(response.status).toBe(status);
      if (!message) return expect(await response.json()).toEqual({ trustAnchors: [] });
      expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
      const m = message.exec(((await response.json()) as { message: string }).message);
      expect(m).not.toBeNull();
      const [, signed, bound, now] = m!.map((t) => t && Date.parse(`${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 11)}:${t.slice(11, 13)}:${t.slice(13, 15)}Z`)) as number[];
      expect(Math.abs(signed! - signingDate.getTime())).toBeLessThan(1000);
      expect(bound! - now!).toBe(Math.sign(offsetMs) * 15 * MINUTE);
    });
  }

  it('IAM (Query) answers SignatureDoesNotMatch with the same wording', async () => {
    const body = 'Action=ListRoles&Version=2010-05-08';
    const response = await signedFetch(keyed.url, { method: 'POST', path: '/', body, contentType: 'application/x-www-form-urlencoded', service: 'iam', signingDate: new Date(Date.now() - 20 * MINUTE) });
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)<\/Message>/);
  });
});

describe('/_iamra/ admin routes with --access-keys', () => {
  const curl = async (args: string[]): Promise<{ status: number; body: string }> => {
    const { stdout } = await promisify(execFile)('curl', ['-s', '-w', '\n%{http_code}', ...args]);
    const at = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(at + 1)), body: stdout.slice(0, at) };
  };
  const sigv4 = (secret = SECRET) => ['--aws-sigv4', 'aws:amz:us-east-1:rolesanywhere', '--user', `${KEY_ID}:${secret}`];

  it('refuses unsigned and wrongly signed calls, takes curl --aws-sigv4', async () => {
    expect((await fetch(`${keyed.url}/_iamra/roles`)).status).toBe(403);
    expect(await (await fetch(`${keyed.url}/_iamra/decisions`)).json()).toEqual({ message: 'Missing Authentication Token' });
    const unsignedPut = await fetch(`${keyed.url}/_iamra/roles`, { method: 'PUT', body: JSON.stringify(ROLE) });
    expect([unsignedPut.status, unsignedPut.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    const wrong = await curl([...sigv4('wrong'), '-X', 'PUT', '-H', 'content-type: application/json', '--data', JSON.stringify(ROLE), `${keyed.url}/_iamra/roles`]);
    expect(wrong.status).toBe(403);
    expect(await (await signedFetch(keyed.url, { method: 'GET', path: '/_iamra/roles' })).json()).toEqual({ roles: [] });

    const put = await curl([...sigv4(), '-X', 'PUT', '-H', 'content-type: application/json', '--data', JSON.stringify(ROLE), `${keyed.url}/_iamra/roles`]);
    expect(put.status).toBe(200);
    expect((JSON.parse(put.body) as { roles: Array<{ arn: string }> }).roles.map((r) => r.arn)).toEqual([ROLE.arn]);
    const listed = await curl([...sigv4(), `${keyed.url}/_iamra/roles`]);
    expect(JSON.parse(listed.body)).toMatchObject({ roles: [{ arn: ROLE.arn }] });
    const decisions = await curl([...sigv4(), `${keyed.url}/_iamra/decisions`]);
    expect(decisions.status).toBe(200);
    const deleted = await curl([...sigv4(), '-X', 'DELETE', `${keyed.url}/_iamra/roles?arn=${encodeURIComponent(ROLE.arn)}`]);
    expect(deleted.status).toBe(200);
  });

  it('refuses a stale signature on an admin route, and leaves the health check open', async () => {
    const stale = await signedFetch(keyed.url, { method: 'GET', path: '/_iamra/roles', signingDate: new Date(Date.now() - 30 * MINUTE) });
    expect(stale.status).toBe(403);
    expect(((await stale.json()) as { message: string }).message).toMatch(/^Signature expired: /);
    expect(await (await fetch(`${keyed.url}/_iamra/health`)).json()).toEqual({ ok: true });
  });
});

describe('the permissive default', () => {
  it('on loopback without --access-keys: unsigned admin calls and any-dated signatures pass, no warning', async () => {
    const open = await startEmulatorProcess([], { cwd: dir });
    try {
      expect(await (await fetch(`${open.url}/_iamra/roles`)).json()).toEqual({ roles: [] });
      expect((await signedFetch(open.url, { method: 'GET', path: '/trustanchors', signingDate: new Date(Date.now() - 60 * MINUTE) })).status).toBe(200);
      await open.waitForStderr('listening on');
      expect(open.stderr()).not.toContain('warning');
    } finally {
      await open.stop();
    }
  });

  it('a non-loopback --host without --access-keys prints one warning line; with keys none', async () => {
    const exposed = await startEmulatorProcess(['--host', '0.0.0.0'], { cwd: dir });
    const guarded = await startEmulatorProcess(['--host', '0.0.0.0', '--access-keys', 'keys.json'], { cwd: dir });
    try {
      await exposed.waitForStderr('listening on');
      await guarded.waitForStderr('listening on');
      const warnings = exposed.stderr().split('\n').filter((line) => line.includes('warning'));
      expect(warnings).toEqual(['iamra emulator: warning: listening on 0.0.0.0 without --access-keys: anyone who reaches it can change its trust anchors, profiles and roles. Pass --access-keys FILE.']);
      expect(guarded.stderr()).not.toContain('warning');
    } finally {
      await exposed.stop();
      await guarded.stop();
    }
  });
});
