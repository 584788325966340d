// The service's quotas in the emulator, through @aws-sdk/client-rolesanywhere and a clock the test
// moves (no sleeps): 50 trust anchors and 250 profiles by default, raised by `quotas`; with
// enforceRateLimits, 1 trust-anchor call per second and 10 CreateSession per second.
import { CreateProfileCommand, CreateTrustAnchorCommand, GetTrustAnchorCommand, ListProfilesCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/index.js';
import { startEmulatorWithAnchor } from '../support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { runCli } from '../support/run-cli.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';
import { tempDir } from './helper-support/fixtures.js';

let root: TestIdentity;
let nowMs = Date.parse('2026-12-01T08:00:00Z');
const clock = { now: () => new Date(nowMs) };
const running: RunningEmulator[] = [];

async function emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const started = await startEmulator({ ...clock, ...options });
  running.push(started);
  return started;
}

function client(target: RunningEmulator): RolesAnywhereClient {
  return new RolesAnywhereClient({ region: 'us-east-1', endpoint: target.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
}

const anchorRequest = (i: number) => ({ name: `anchor ${i}`, source: { sourceType: 'CERTIFICATE_BUNDLE' as const, sourceData: { x509CertificateData: root.certPem } } });

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('the call succeeded');
}

beforeAll(async () => {
  root = await createTestRoot({ notBefore: new Date(nowMs - 86_400_000) });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

describe('resource quotas', () => {
  it('refuses the 51st trust anchor and the 251st profile by default', async () => {
    const target = await emulator();
    for (let i = 0; i < 50; i++) await client(target).send(new CreateTrustAnchorCommand(anchorRequest(i)));
    const anchor = await errorOf(client(target).send(new CreateTrustAnchorCommand(anchorRequest(50))));
    expect(anchor).toEqual({ name: 'ValidationException', status: 400, message: 'Quota exceeded: an account can have at most 50 trust anchors in a Region' });
    for (let i = 0; i < 250; i++) await target.control.createProfile({ name: `p${i}`, roleArns: [] });
    const profile = await errorOf(client(target).send(new CreateProfileCommand({ name: 'one more', roleArns: [] })));
    expect(profile.message).toBe('Quota exceeded: an account can have at most 250 profiles in a Region');
    expect((await client(target).send(new ListProfilesCommand({ pageSize: 1000 }))).profiles).toHaveLength(250);
  });

  it('takes raised quotas', async () => {
    const target = await emulator({ quotas: { trustAnchors: 52 } });
    for (let i = 0; i < 52; i++) await target.control.createTrustAnchor(anchorRequest(i));
    expect((await errorOf(target.control.createTrustAnchor(anchorRequest(52)))).message).toContain('at most 52 trust anchors');
  });
});

describe('rate limits (enforceRateLimits)', () => {
  it('allows one trust-anchor call per second, account-wide, and is off by default', async () => {
    const target = await emulator({ enforceRateLimits: true });
    const { trustAnchor } = await client(target).send(new CreateTrustAnchorCommand(anchorRequest(0)));
    const get = () => client(target).send(new GetTrustAnchorCommand({ trustAnchorId: trustAnchor!.trustAnchorId }));
    expect(await errorOf(get())).toEqual({ name: 'ThrottlingException', status: 429, message: 'Rate exceeded' });
    // Profile calls have their own budget.
    await client(target).send(new ListProfilesCommand({}));
    nowMs += 1000;
    expect((await get()).trustAnchor?.name).toBe('anchor 0');
    const unlimited = await emulator();
    for (let i = 0; i < 5; i++) await client(unlimited).send(new CreateTrustAnchorCommand(anchorRequest(i)));
  });

  it('allows 10 CreateSession per second per certificate, then ThrottlingException until the clock moves', async () => {
    const leaf = await issueTestCertificate(root, { subject: 'CN=rated', notBefore: new Date(nowMs - 3_600_000), notAfter: new Date(nowMs + 86_400_000) });
    const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], now: clock.now, options: { enforceRateLimits: true } });
    running.push(fixture.emulator);
    const session = async () =>
      (await callCreateSession({
        url: fixture.emulator.url,
        signer: signerFromIdentity(leaf),
        trustAnchorArn: fixture.trustAnchorArn,
        profileArn: fixture.profileArn,
        roleArn: fixture.roleArn,
        now: new Date(nowMs),
      })).status;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push(await session());
    expect(statuses).toEqual([...Array<number>(10).fill(201), 429]);
    nowMs += 100;
    expect(await session()).toBe(201);
    expect(await session()).toBe(429);
  });
});

describe('iamra emulator --quotas', () => {
  it.each([
    ['{"trustAnchors": 10}', 'trustAnchors must be an integer from its default 50 to 1000000 (got 10)'],
    ['{"crlsPerTrustAnchor": 5}', 'crlsPerTrustAnchor is not adjustable'],
    ['{"anchors": 60}', 'unknown quota anchors; known: trustAnchors, profiles, createSessionPerSecond'],
    ['[1]', 'expected a JSON object of quota names to numbers'],
  ])('refuses %s with one line and exit 3, creating nothing', (text, why) => {
    const dir = tempDir('iamra-quotas-');
    writeFileSync(join(dir, 'quotas.json'), text);
    const result = runCli(['emulator', '--quotas', 'quotas.json', '--state', 'state.db'], { cwd: dir });
    expect(result.status).toBe(3);
    expect(result.stderr).toContain(`iamra: cannot read --quotas file: ${why}`);
    expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(existsSync(join(dir, 'state.db'))).toBe(false);
  });
});
