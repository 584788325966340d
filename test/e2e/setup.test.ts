// `iamra setup` against the emulator (issue 12): twice creates one trust anchor and one profile;
// a dry run makes only reads; the printed ~/.aws/config snippet works as is with the AWS CLI.
// The --create-role and `aws sts get-caller-identity` steps use the emulator's IAM and STS Query API.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { permissiveTrustPolicy } from '../support/emulator-fixture.js';
import { CA_ENV, createCa, expectUserError, tempDir } from '../support/ca-fixture.js';
import { IAMRA_BIN, runCliAsync } from '../support/run-cli.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/web';
const AWS_ENV = { AWS_ACCESS_KEY_ID: 'AKIDSETUPTEST', AWS_SECRET_ACCESS_KEY: 'setup-test-secret', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...CA_ENV };
let dir: string;
let emulator: RunningEmulator;

const setup = (args: string[]) => runCliAsync(['setup', '--ca', 'ca', '--region', 'us-east-1', '--endpoint', emulator.url, ...args], { cwd: dir, env: AWS_ENV });

beforeAll(async () => {
  dir = tempDir('iamra-setup-');
  createCa(dir);
  emulator = await startEmulator();
  const issued = await runCliAsync(['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=web-1', '--cert-out', 'web.crt', '--key-out', 'web.key'], { cwd: dir, env: CA_ENV });
  expect(issued.status).toBe(0);
});

afterAll(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('setup', () => {
  it('dry run: reads only, lists the writes, creates nothing', async () => {
    const result = await setup(['--role-arn', ROLE_ARN, '--dry-run']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('called ListTrustAnchors: find trust anchor "iamra"\nwould call CreateTrustAnchor: "iamra" from the CA certificate, enabled\ncalled ListProfiles: find profile "iamra"\nwould call CreateProfile:');
    expect(result.stdout).toContain('trust anchor: (from CreateTrustAnchor)');
    expect((await emulator.control.listTrustAnchors({})).trustAnchors).toEqual([]);
  });

  it('twice: one trust anchor and one profile, the same ARNs, only reads the second time', async () => {
    const first = await setup(['--role-arn', ROLE_ARN, '--json', '--certificate', join(dir, 'web.crt'), '--private-key', join(dir, 'web.key')]);
    expect(first.stderr).toBe('');
    const second = await setup(['--role-arn', ROLE_ARN, '--json', '--certificate', join(dir, 'web.crt'), '--private-key', join(dir, 'web.key')]);
    const [a, b] = [first, second].map((r) => JSON.parse(r.stdout) as { trustAnchorArn: string; profileArn: string; calls: Array<{ operation: string }>; configSnippet: string });
    expect(b!.trustAnchorArn).toBe(a!.trustAnchorArn);
    expect(b!.profileArn).toBe(a!.profileArn);
    expect(a!.calls.map((c) => c.operation)).toEqual(['ListTrustAnchors', 'CreateTrustAnchor', 'ListProfiles', 'CreateProfile']);
    expect(b!.calls.map((c) => c.operation)).toEqual(['ListTrustAnchors', 'ListProfiles']);
    const anchors = (await emulator.control.listTrustAnchors({})).trustAnchors;
    const profiles = (await emulator.control.listProfiles({})).profiles;
    expect(anchors.map((t) => [t.trustAnchorArn, t.enabled, t.source.sourceData?.x509CertificateData?.trim()])).toEqual([[a!.trustAnchorArn, true, readFileSync(join(dir, 'ca/ca.crt'), 'utf8').trim()]]);
    expect(profiles.map((p) => [p.profileArn, p.roleArns, p.enabled])).toEqual([[a!.profileArn, [ROLE_ARN], true]]);
    writeFileSync(join(dir, 'config'), a!.configSnippet);
  });

  it('prints a config snippet the AWS CLI uses as is (credential_process runs iamra)', async () => {
    await emulator.putRole({ arn: ROLE_ARN, trustPolicy: permissiveTrustPolicy((await emulator.control.listTrustAnchors({})).trustAnchors[0]!.trustAnchorArn) });
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(IAMRA_BIN, join(bin, 'iamra'));
    // No static credentials: the AWS CLI must get them from the profile's credential_process.
    const env = { PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
    const { stdout } = await promisify(execFile)('aws', ['rolesanywhere', 'list-profiles', '--profile', 'iamra', '--output', 'json'], { env, cwd: dir });
    expect((JSON.parse(stdout) as { profiles: unknown[] }).profiles).toHaveLength(1);
    const identity = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--profile', 'iamra', '--output', 'json'], { env, cwd: dir });
    expect((JSON.parse(identity.stdout) as { Arn: string }).Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/web\/[0-9a-f]+$/);
  });

  it('refuses a missing role choice, exit 2', async () => {
    expect(expectUserError(await setup([]), 2)).toContain('give exactly one of --role-arn ARN and --create-role NAME');
  });

  it('--create-role: twice creates one role that trusts the anchor', async () => {
    const dry = await setup(['--create-role', 'app', '--name', 'app', '--dry-run']);
    expect(dry.stdout).toContain('would call CreateRole: "app" trusting (from CreateTrustAnchor)');
    const runs = [await setup(['--create-role', 'app', '--name', 'app', '--json']), await setup(['--create-role', 'app', '--name', 'app', '--json'])];
    const [a, b] = runs.map((r) => JSON.parse(r.stdout) as { roleArn: string; calls: Array<{ operation: string }> });
    expect(a!.roleArn).toBe('arn:aws:iam::123456789012:role/app');
    expect(b!.roleArn).toBe(a!.roleArn);
    expect(a!.calls.map((c) => c.operation)).toEqual(['ListTrustAnchors', 'CreateTrustAnchor', 'GetRole', 'CreateRole', 'ListProfiles', 'CreateProfile']);
    expect(b!.calls.map((c) => c.operation)).toEqual(['ListTrustAnchors', 'GetRole', 'ListProfiles']);
  });
});
