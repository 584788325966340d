// Issue 9, "Revocation must reach every trust anchor": a CA published to three trust anchors (two in
// one emulator, one in a second emulator in another region that only accepts the keys of its own
// credentials profile). `revoke --publish` and a bare `crl publish` reach all three; `crl status`
// is a monitoring check (exit 1 while one is stale); a target that fails does not stop the others.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { AWS_ENV, eventually } from '../support/publish-fixture.js';
import { IAMRA_BIN, runCliAsync, type CliResult } from '../support/run-cli.js';

let dir: string;
let east: EmulatorFixture;
let west: EmulatorFixture;
/** The second anchor in the `east` emulator, with the same CA. */
let eastTwo: string;
const serials: Record<string, string> = {};

interface Anchor { arn: string; fixture: EmulatorFixture }
const anchors = (): Anchor[] => [{ arn: east.trustAnchorArn, fixture: east }, { arn: eastTwo, fixture: east }, { arn: west.trustAnchorArn, fixture: west }];

/** Every run sees the credentials file of `west-publisher`; without a profile, the env keys are used. */
const iamra = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCliAsync(args, { cwd: dir, env: { ...AWS_ENV, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'), ...env } });

/** `iamra credential-process` with `<name>.crt` against one anchor, through its own emulator. */
const credentials = (name: string, anchor: Anchor) => iamra([
  'credential-process', '--certificate', `${name}.crt`, '--private-key', `${name}.key`, '--endpoint', anchor.fixture.emulator.url,
  '--trust-anchor-arn', anchor.arn, '--profile-arn', anchor.fixture.profileArn, '--role-arn', anchor.fixture.roleArn,
]);

async function issue(name: string): Promise<string> {
  const result = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', `CN=${name},O=Example`, '--key-out', `${name}.key`, '--cert-out', `${name}.crt`, '--json']);
  if (result.status !== 0) throw new Error(`issue failed: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { serial: string }).serial;
}

interface StatusJson { target: { trustAnchorArn: string; region: string; endpoint: string | null; profile: string | null }; published: { crlNumber: number } | null; isUpToDate: boolean; staleReasons: string[]; error: unknown }
const statusOf = async (args: string[] = []) => {
  const result = await iamra(['crl', 'status', '--ca', 'ca', '--json', ...args]);
  return { status: result.status, byArn: new Map((JSON.parse(result.stdout) as StatusJson[]).map((s) => [s.target.trustAnchorArn, s])) };
};

beforeAll(async () => {
  dir = tempDir('iamra-anchors-');
  createCa(dir);
  const caPem = readFileSync(join(dir, 'ca', 'ca.crt'), 'utf8');
  east = await startEmulatorWithAnchor({ caCertPems: [caPem] });
  const { trustAnchor } = await east.emulator.control.createTrustAnchor({ name: 'second-anchor', source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: caPem } }, enabled: true });
  eastTwo = trustAnchor.trustAnchorArn;
  await east.emulator.putRole({ arn: east.roleArn, trustPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: { ArnEquals: { 'aws:SourceArn': [east.trustAnchorArn, eastTwo] } } }] } });
  // The west emulator refuses any key but its profile's: a publish there proves the profile was used.
  west = await startEmulatorWithAnchor({ caCertPems: [caPem], options: { region: 'eu-west-1', account: '210987654321', accessKeys: { AKIDWEST: 'west-secret' } } });
  writeFileSync(join(dir, 'aws-credentials'), '[west-publisher]\naws_access_key_id = AKIDWEST\naws_secret_access_key = west-secret\n');
  for (const name of ['alice', 'bob', 'carol', 'dave']) serials[name] = await issue(name);
});

afterAll(async () => {
  await east?.stop();
  await west?.stop();
});

describe('a CA published to three trust anchors', () => {
  it('publishes to each anchor once, remembering its endpoint, region and profile', async () => {
    for (const [arn, extra] of [[east.trustAnchorArn, ['--endpoint', east.emulator.url]], [eastTwo, ['--endpoint', east.emulator.url]], [west.trustAnchorArn, ['--endpoint', west.emulator.url, '--profile', 'west-publisher']]] as const) {
      const result = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', arn, ...extra]);
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(result.stdout).toMatch(/^imported CRL 1 /);
    }
    for (const anchor of anchors()) expect((await credentials('alice', anchor)).status).toBe(0);
  });

  it('crl publish --trust-anchor-arn of a known anchor uses its remembered endpoint and profile', async () => {
    const result = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', west.trustAnchorArn, '--json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ outcome: 'unchanged', trustAnchorArn: west.trustAnchorArn, region: 'eu-west-1', endpoint: west.emulator.url })]);
  });

  it('refuses --endpoint without --trust-anchor-arn: it would apply to one anchor of three (exit 2)', async () => {
    const result = await iamra(['crl', 'publish', '--ca', 'ca', '--endpoint', east.emulator.url]);
    expect(expectUserError(result, 2)).toBe('iamra: invalid --endpoint: this CA publishes to 3 trust anchors, and it applies to one only. Add --trust-anchor-arn ARN to say which.');
  });

  it('reports every anchor up to date (exit 0), one JSON object each', async () => {
    const { status, byArn } = await statusOf();
    expect(status).toBe(0);
    expect([...byArn.keys()].sort()).toEqual(anchors().map((a) => a.arn).sort());
    expect(byArn.get(west.trustAnchorArn)).toMatchObject({ target: { region: 'eu-west-1', endpoint: west.emulator.url, profile: 'west-publisher' }, published: { crlNumber: 1 }, isUpToDate: true, staleReasons: [], error: null });
    const text = await iamra(['crl', 'status', '--ca', 'ca']);
    expect(text.stdout.split('\n')[1]).toMatch(/^TRUST ANCHOR +REGION +ENDPOINT +SENT +PUBLISHED AT +STATUS$/);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('arn:')).map((l) => l.endsWith('  up to date'))).toEqual([true, true, true]);
    // An anchor never published to, named alone: not up to date either.
    const unknown = east.trustAnchorArn.replace(/[0-9a-f]{8}-/, '00000000-');
    const never = await iamra(['crl', 'status', '--ca', 'ca', '--trust-anchor-arn', unknown, '--offline', '--json']);
    expect(never.status).toBe(1);
    expect(JSON.parse(never.stdout)).toEqual([expect.objectContaining({ target: expect.objectContaining({ trustAnchorArn: unknown }), published: null, isUpToDate: false, staleReasons: ['never-sent'] })]);
  });

  it('revoke --publish reaches every anchor: CreateSession with the revoked certificate is refused on all three', async () => {
    const result = await iamra(['revoke', '--ca', 'ca', serials.alice!, '--reason', 'keyCompromise', '--publish']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^revoked ${serials.alice} `));
    expect(lines.slice(1).map((l) => l.slice(0, l.indexOf(': '))).sort()).toEqual(anchors().map((a) => a.arn).sort());
    // One new CRL for all (CRL 2 everywhere): signed once, before any target was published.
    for (const line of lines.slice(1)) expect(line).toMatch(/^arn:\S+: updated arn:\S+:crl\/[0-9a-f-]{36} to CRL 2 \(\d+ bytes\); signed a new CRL: the revoked set changed$/);
    for (const anchor of anchors()) {
      const refused = await credentials('alice', anchor);
      expect(expectUserError(refused, 1)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked /);
      expect((await credentials('bob', anchor)).status).toBe(0);
    }
  });

  it('crl status exits 1 while one anchor is stale, naming it and why, and 0 once all are up to date', async () => {
    await iamra(['revoke', '--ca', 'ca', serials.bob!]);
    const everyStale = await statusOf(['--offline']);
    expect(everyStale.status).toBe(1);
    expect([...everyStale.byArn.values()].map((s) => s.staleReasons)).toEqual([['revoked-set-changed'], ['revoked-set-changed'], ['revoked-set-changed']]);
    for (const arn of [east.trustAnchorArn, eastTwo]) expect((await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', arn])).status).toBe(0);
    const oneStale = await statusOf();
    expect(oneStale.status).toBe(1);
    expect([...oneStale.byArn.values()].filter((s) => !s.isUpToDate).map((s) => [s.target.trustAnchorArn, s.staleReasons, s.published?.crlNumber])).toEqual([[west.trustAnchorArn, ['newer-crl'], 2]]);
    const text = await iamra(['crl', 'status', '--ca', 'ca']);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`${west.trustAnchorArn}  eu-west-1  ${west.emulator.url}`);
    expect(text.stdout).toMatch(/ stale: the CA has a newer CRL\n/);
    expect(text.stdout).toMatch(/\nnot every trust anchor is up to date: run "iamra crl publish"\n$/);
    expect((await credentials('bob', anchors()[2]!)).status).toBe(0);
    const caughtUp = await iamra(['crl', 'publish', '--ca', 'ca']);
    expect([caughtUp.status, caughtUp.stderr]).toEqual([0, '']);
    expect(caughtUp.stdout.trimEnd().split('\n').map((l) => l.replace(/: .*/, '') + (l.includes(': unchanged:') ? ' unchanged' : ' updated')).sort())
      .toEqual([`${east.trustAnchorArn} unchanged`, `${eastTwo} unchanged`, `${west.trustAnchorArn} updated`].sort());
    expect((await statusOf()).status).toBe(0);
    expect(expectUserError(await credentials('bob', anchors()[2]!), 1)).toMatch(/Certificate revoked/);
  });

  it('crl publish --watch keeps every anchor current, one watcher each, and stops on SIGTERM with 0', async () => {
    const child = spawn(process.execPath, [IAMRA_BIN, 'crl', 'publish', '--ca', 'ca', '--watch', '--interval', '2s'], {
      cwd: dir, env: { ...process.env, ...AWS_ENV, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials') } as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      expect(await eventually(async () => anchors().every((a) => stderr.includes(`${a.arn}: publish CRL 3: unchanged`)), 20_000)).toBe(true);
      await iamra(['revoke', '--ca', 'ca', serials.dave!]);
      for (const anchor of anchors()) expect(await eventually(async () => (await credentials('dave', anchor)).status === 1, 15_000)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    const lines = stderr.trimEnd().split('\n');
    for (const anchor of anchors()) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(` watch: publishing to ${anchor.arn} every 2s$`)));
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(` ${anchor.arn}: publish CRL 4: updated `)));
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(` ${anchor.arn}: stop: SIGTERM, exiting$`)));
    }
  });

  it('a failing anchor does not stop the others: the successes are recorded, the failure named, exit 4 (runs last: stops west)', async () => {
    await west.stop();
    const result = await iamra(['revoke', '--ca', 'ca', serials.carol!, '--publish']);
    expect(result.status).toBe(4);
    const stdout = result.stdout.trimEnd().split('\n');
    expect(stdout[0]).toMatch(new RegExp(`^revoked ${serials.carol} `));
    expect(stdout.slice(1).map((l) => l.replace(/: .*/, '')).sort()).toEqual([east.trustAnchorArn, eastTwo].sort());
    const westUrl = west.emulator.url.replace(/[.:/]/g, (c) => `\\${c}`);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^iamra: ${west.trustAnchorArn}: GetCrl failed: cannot reach the service: ECONNREFUSED \\(${westUrl}\\)\\. Check the network and --endpoint, then retry\\.$`)),
      `iamra: the revocation is recorded, but cannot publish to every trust anchor: 1 of 3 failed (${west.trustAnchorArn}). Fix what the lines above say, then run "iamra crl publish" again.`,
    ]);
    for (const anchor of anchors().slice(0, 2)) expect(expectUserError(await credentials('carol', anchor), 1)).toMatch(/Certificate revoked/);
    const offline = await statusOf(['--offline']);
    expect(offline.status).toBe(1);
    expect([...offline.byArn.values()].map((s) => [s.target.trustAnchorArn, s.isUpToDate])).toEqual(expect.arrayContaining([[east.trustAnchorArn, true], [eastTwo, true], [west.trustAnchorArn, false]]));
    const retry = await iamra(['crl', 'publish', '--ca', 'ca', '--json']);
    expect(retry.status).toBe(4);
    const outcomes = JSON.parse(retry.stdout) as Array<{ trustAnchorArn: string; outcome: string; error?: { code: string; exitCode: number } }>;
    expect(outcomes.map((o) => [o.trustAnchorArn, o.outcome]).sort()).toEqual([[east.trustAnchorArn, 'unchanged'], [eastTwo, 'unchanged'], [west.trustAnchorArn, 'failed']].sort());
    expect(outcomes.find((o) => o.outcome === 'failed')!.error).toMatchObject({ code: 'SERVICE_UNREACHABLE', exitCode: 4 });
    // Nothing known to be stale, one anchor not checked: exit 4, as a publish that cannot reach it.
    const online = await iamra(['crl', 'status', '--ca', 'ca', '--trust-anchor-arn', west.trustAnchorArn]);
    expect(online.status).toBe(4);
    expect(online.stderr).toMatch(new RegExp(`^iamra: ${west.trustAnchorArn}: GetCrl failed: cannot reach the service: ECONNREFUSED `));
    expect(online.stdout).toMatch(/ unknown: SERVICE_UNREACHABLE\nnot every trust anchor is up to date: run "iamra crl publish"\n$/);
    expect((await iamra(['crl', 'status', '--ca', 'ca'])).status).toBe(4);
  });
});
