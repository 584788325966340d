// `iamra crl status` once the published CRL is past its nextUpdate, with time moved by libfaketime
// (apt `faketime`) for the CLI and by the same offset for the in-process emulator, as an operator
// sees it when the days pass: an hour before nextUpdate exit 0, an hour after exit 1 with the
// `crl-expired` reason naming nextUpdate; the emulator still uses that CRL (its default
// --crl-next-update ignore), and `crl publish` then signs a new one and status is 0 again. With
// only this machine ahead, the service refuses the signature: not checked, exit 1 (the refusal).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { AWS_ENV, onlyJson } from '../support/publish-fixture.js';
import { IAMRA_BIN, runCliAsync, type CliResult } from '../support/run-cli.js';

const HOUR = 3_600_000;
let dir: string;
let fixture: EmulatorFixture;
/** How far the emulator's clock runs ahead of the real one; the CLI runs under faketime by as much. */
let offsetMs = 0;
let nextUpdate: string;
const serials: Record<string, string> = {};

interface StatusJson {
  local: { crlNumber: number; nextUpdate: string };
  isUpToDate: boolean;
  staleReasons: string[];
}

/** iamra in `dir`, its clock `cliOffsetMs` ahead (faketime's relative form: time keeps running). */
function iamra(args: string[], cliOffsetMs = offsetMs): Promise<CliResult> {
  const env = { ...AWS_ENV, TZ: 'UTC', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
  if (cliOffsetMs === 0) return runCliAsync(args, { cwd: dir, env });
  const program = { command: 'faketime', prefix: ['-f', `${cliOffsetMs > 0 ? '+' : ''}${Math.round(cliOffsetMs / 1000)}`, process.execPath, IAMRA_BIN] };
  return runCliAsync(args, { cwd: dir, env, program });
}

const status = async (extra: string[] = []) => {
  const result = await iamra(['crl', 'status', '--ca', 'ca', '--json', ...extra]);
  expect(result.stderr).toBe('');
  return { status: result.status, json: onlyJson(result.stdout) as StatusJson };
};

/** Moves both clocks to `nextUpdate + deltaMs`. */
const at = (deltaMs: number) => (offsetMs = Date.parse(nextUpdate) + deltaMs - Date.now());

beforeAll(async () => {
  try {
    execFileSync('faketime', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('faketime is missing: apt-get install faketime (this test moves the CLI clock with it)');
  }
  dir = tempDir('iamra-crl-expired-');
  createCa(dir);
  fixture = await startEmulatorWithAnchor({
    caCertPems: [readFileSync(join(dir, 'ca', 'ca.crt'), 'utf8')],
    now: () => new Date(Date.now() + offsetMs),
    // With access keys the emulator checks every signature's date, so both clocks must agree.
    options: { accessKeys: { [AWS_ENV.AWS_ACCESS_KEY_ID]: AWS_ENV.AWS_SECRET_ACCESS_KEY } },
  });
  for (const name of ['alice', 'bob']) {
    const issued = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', `CN=${name},O=Example`, '--key-out', `${name}.key`, '--cert-out', `${name}.crt`, '--json']);
    serials[name] = (JSON.parse(issued.stdout) as { serial: string }).serial;
  }
  expect((await iamra(['revoke', '--ca', 'ca', serials.bob!])).status).toBe(0);
});

afterAll(() => fixture?.stop());

const credentials = (name: string) => iamra([
  'credential-process', '--certificate', `${name}.crt`, '--private-key', `${name}.key`, '--endpoint', fixture.emulator.url,
  '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn,
]);

describe('crl status with the published CRL past its nextUpdate (faketime)', () => {
  it('publishes a CRL valid for 2 days: up to date now, exit 0', async () => {
    const published = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', fixture.trustAnchorArn, '--endpoint', fixture.emulator.url, '--next-update', '2d', '--renew-before', '1d']);
    expect([published.status, published.stderr]).toEqual([0, '']);
    const now = await status();
    expect([now.status, now.json.isUpToDate, now.json.staleReasons]).toEqual([0, true, []]);
    nextUpdate = now.json.local.nextUpdate;
    expect(Date.parse(nextUpdate) - Date.now()).toBeGreaterThan(47 * HOUR);
  });

  it('an hour before nextUpdate: still up to date, exit 0', async () => {
    at(-HOUR);
    const before = await status();
    expect([before.status, before.json.isUpToDate, before.json.staleReasons]).toEqual([0, true, []]);
  });

  it('an hour after nextUpdate: stale, crl-expired naming nextUpdate, exit 1 (online and offline)', async () => {
    at(HOUR);
    const after = await status();
    expect([after.status, after.json.isUpToDate, after.json.staleReasons, after.json.local.nextUpdate]).toEqual([1, false, ['crl-expired'], nextUpdate]);
    expect((await status(['--offline'])).json.staleReasons).toEqual(['crl-expired']);
    const text = await iamra(['crl', 'status', '--ca', 'ca']);
    expect([text.status, text.stderr]).toEqual([1, '']);
    expect(text.stdout).toContain(`  stale: the CA's latest CRL expired at ${nextUpdate} (its nextUpdate)\n`);
    expect(text.stdout).toMatch(/\nnot every trust anchor is up to date: run "iamra crl publish"\n$/);
  });

  it('with only this machine two days ahead (the service at real time): not checked, the refusal\'s exit 1', async () => {
    const ahead = offsetMs;
    offsetMs = 0;
    const result = await iamra(['crl', 'status', '--ca', 'ca'], ahead);
    offsetMs = ahead;
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ {2}unknown: SERVICE_ACCESS_DENIED\n/);
    expect(result.stderr).toMatch(/^iamra: arn:aws:rolesanywhere:\S+: GetCrl refused: InvalidSignatureException: Signature not yet current: .* This machine's clock is more than 15 minutes off the service's: set it \(NTP\) and retry\.\n$/);
  });

  it('the emulator still applies the expired CRL (--crl-next-update ignore): bob refused, alice served', async () => {
    const alice = await credentials('alice');
    expect([alice.status, alice.stderr]).toEqual([0, '']);
    const bob = await credentials('bob');
    expect(bob.status).toBe(1);
    expect(bob.stderr).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked /);
  });

  it('crl publish then signs a new CRL; status is up to date again, exit 0', async () => {
    const published = await iamra(['crl', 'publish', '--ca', 'ca', '--json']);
    expect([published.status, published.stderr]).toEqual([0, '']);
    const again = await status();
    expect([again.status, again.json.isUpToDate, again.json.staleReasons]).toEqual([0, true, []]);
    expect(again.json.local.crlNumber).toBe(2);
    expect(Date.parse(again.json.local.nextUpdate)).toBeGreaterThan(Date.parse(nextUpdate));
  });
});
