// Test set-up for CRL publishing: a CA made by the CLI, the emulator with that CA as trust anchor
// behind a counting proxy, dummy AWS credentials, certificate issuance and CreateSession.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, PASSPHRASE, tempDir } from './ca-fixture.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from './emulator-fixture.js';
import { runCliAsync, type CliOptions, type CliResult } from './run-cli.js';
import { callCreateSession, signerFromPem, type HttpAnswer } from './session-client.js';

/** Dummy keys, and no shared config, CA bundle or instance metadata to fall back on. */
export const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: undefined,
  AWS_DEFAULT_REGION: undefined,
  AWS_CONFIG_FILE: '/nonexistent/iamra-test-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/iamra-test-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  IAMRA_CA_PASSPHRASE: PASSPHRASE,
  IAMRA_CA_DIR: undefined,
  // The publisher trusts only this bundle when it is set; each test sets it where it needs one.
  AWS_CA_BUNDLE: undefined,
};

export interface PublishFixture {
  dir: string;
  caDir: string;
  fixture: EmulatorFixture;
  proxy: CountingProxy;
  /** The proxy's URL: pass it as --endpoint. */
  endpoint: string;
  trustAnchorArn: string;
  /** Runs iamra in `dir` (without blocking the in-process emulator). */
  iamra(args: string[], env?: Record<string, string | undefined>, options?: Pick<CliOptions, 'onSpawn'>): Promise<CliResult>;
  /** Issues `CN=<name>` with a generated key; returns its hex serial. */
  issue(name: string): Promise<string>;
  /** CreateSession with `<name>.crt` and `<name>.key`, signed by the test client. */
  createSession(name: string): Promise<HttpAnswer>;
  /** `iamra credential-process` with `<name>.crt` and `<name>.key` against the emulator. */
  credentials(name: string): Promise<CliResult>;
  stop(): Promise<void>;
}

/** `initArgs` go to `ca init` (e.g. `--key pkcs11:...`). */
export async function startPublishFixture(keyType = 'ec-p256', initArgs: string[] = []): Promise<PublishFixture> {
  const dir = tempDir('iamra-publish-');
  const caDir = createCa(dir, keyType, initArgs);
  const fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(caDir, 'ca.crt'), 'utf8')] });
  const proxy = await startCountingProxy(fixture.emulator.url);
  const iamra = (args: string[], env: Record<string, string | undefined> = {}, options: Pick<CliOptions, 'onSpawn'> = {}) => runCliAsync(args, { ...options, cwd: dir, env: { ...AWS_ENV, ...env } });
  return {
    dir, caDir, fixture, proxy, endpoint: proxy.url, trustAnchorArn: fixture.trustAnchorArn, iamra,
    issue: async (name) => {
      const result = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', `CN=${name},O=Example`, '--key-out', `${name}.key`, '--cert-out', `${name}.crt`, '--json']);
      if (result.status !== 0) throw new Error(`issue failed: ${result.stderr}`);
      return (JSON.parse(result.stdout) as { serial: string }).serial;
    },
    createSession: (name) => callCreateSession({
      url: fixture.emulator.url,
      signer: signerFromPem(readFileSync(join(dir, `${name}.crt`), 'utf8'), readFileSync(join(dir, `${name}.key`), 'utf8')),
      trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn,
    }),
    credentials: (name) => iamra([
      'credential-process', '--certificate', `${name}.crt`, '--private-key', `${name}.key`, '--endpoint', fixture.emulator.url,
      '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn,
    ]),
    stop: async () => {
      await proxy.stop();
      await fixture.stop();
    },
  };
}

/** Polls `check` every 200 ms until it returns true or `timeoutMs` passes; returns the last result. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The one object of a `--json` array for a single trust anchor (`crl publish`, `crl status`). */
export function onlyJson(stdout: string): unknown {
  const parsed = JSON.parse(stdout) as unknown;
  if (!Array.isArray(parsed) || parsed.length !== 1) throw new Error(`expected a JSON array of one object, got: ${stdout}`);
  return parsed[0];
}
