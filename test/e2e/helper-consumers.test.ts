// Real consumers of credential-process output, with credentials from the emulator over TLS: the
// AWS SDK for JavaScript's fromProcess provider and the AWS CLI, both configured through a real
// config file with credential_process; the CLI's STS call goes to a local stub that verifies its
// SigV4 signature with the issued secret (known to the test through a shared --cache).
import { fromProcess } from '@aws-sdk/credential-provider-process';
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperCommandLine } from '../support/helper-runner.js';
import { startStsStub as startStsStubFor, type StsCall } from '../support/sts-stub.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createPki, issueLeaf, tempDir, writeFile, type IdentityFiles } from './helper-support/fixtures.js';
import { isolatedEnv, runHelper } from './helper-support/run-helper.js';

let leaf: IdentityFiles;
let emulator: EmulatorFixture;

interface Issued {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}
const issuedCredentials: Issued[] = [];
const startStsStub = (calls: StsCall[]) => startStsStubFor(issuedCredentials, calls);

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'consumer', 'ec-p256');
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
});
afterAll(() => emulator.stop());

function helperArgs(extra: string[] = []): string[] {
  const arns = ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn];
  return ['credential-process', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arns, '--endpoint', emulator.emulator.url, ...extra];
}

function writeConfig(extra: string[] = []): { home: string; configPath: string } {
  const home = tempDir('iamra-home-');
  const line = helperCommandLine(helperArgs(extra)).join(' ');
  const configPath = writeFile(home, 'config', `[profile iamra]\nregion = us-east-1\ncredential_process = ${line}\n`);
  return { home, configPath };
}

describe('AWS SDK for JavaScript: fromProcess', () => {
  it('accepts the output of a fresh session', async () => {
    const { configPath } = writeConfig();
    const previous = process.env.AWS_CA_BUNDLE;
    process.env.AWS_CA_BUNDLE = emulator.emulator.caCertPath;
    try {
      const credentials = await fromProcess({ profile: 'iamra', configFilepath: configPath, filepath: `${configPath}.none` })();
      expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{12,}$/);
      expect(credentials.secretAccessKey.length).toBeGreaterThan(20);
      expect(credentials.sessionToken!.length).toBeGreaterThan(20);
      expect(credentials.expiration!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    } finally {
      if (previous === undefined) delete process.env.AWS_CA_BUNDLE;
      else process.env.AWS_CA_BUNDLE = previous;
    }
  });
});

describe('AWS CLI', () => {
  it('signs an STS call with the credentials credential_process returned', async () => {
    const calls: StsCall[] = [];
    const sts = await startStsStub(calls);
    try {
      const { home, configPath } = writeConfig(['--cache']);
      const cacheEnv = { HOME: home, XDG_CACHE_HOME: `${home}/cache`, AWS_CA_BUNDLE: emulator.emulator.caCertPath };
      // The test obtains the session first; the CLI's credential_process then hits the same cache entry.
      const primed = await runHelper(helperArgs(['--cache']), cacheEnv);
      const output = JSON.parse(primed.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
      issuedCredentials.push({ accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken });
      const endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
      const env = isolatedEnv({ ...cacheEnv, AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: `${configPath}.none`, AWS_PROFILE: 'iamra' });
      const clean = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile('aws', ['sts', 'get-caller-identity', '--endpoint-url', endpoint, '--output', 'json'], { env: clean, timeout: 60_000 }, (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
        ),
      );
      expect(JSON.parse(stdout)).toEqual({ UserId: 'AROAEXAMPLE:consumer', Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/iamra-test/consumer' });
      expect(calls).toEqual([{ accessKeyId: output.AccessKeyId, sessionToken: output.SessionToken, signatureValid: true, wrongSecretValid: false }]);
    } finally {
      await new Promise((resolve) => sts.close(resolve));
    }
  });
});
