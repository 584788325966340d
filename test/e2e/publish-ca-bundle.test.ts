// Issue 9: publishing honours AWS_CA_BUNDLE (and the shared config's ca_bundle) as the helper does,
// against the emulator in --tls mode; an untrusted endpoint certificate fails `crl publish` and
// `iamra credential-process` with the same code, exit code and wording.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { AWS_ENV, onlyJson } from '../support/publish-fixture.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';

let dir: string;
let tls: EmulatorFixture;
let bundle: string;
let host: string;

const iamra = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCliAsync(args, { cwd: dir, env: { ...AWS_ENV, NODE_EXTRA_CA_CERTS: undefined, ...env } });
const publish = (env: Record<string, string | undefined> = {}) =>
  iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', tls.trustAnchorArn, '--endpoint', tls.emulator.url, '--json'], env);
const helper = (env: Record<string, string | undefined> = {}) => iamra([
  'credential-process', '--certificate', 'alice.crt', '--private-key', 'alice.key', '--endpoint', tls.emulator.url,
  '--trust-anchor-arn', tls.trustAnchorArn, '--profile-arn', tls.profileArn, '--role-arn', tls.roleArn,
], env);

/** The line after the API name: `failed: the TLS connection was refused, ...`, the same for both. */
const afterOperation = (line: string) => line.replace(/^iamra: (CreateSession|ListCrls|GetCrl) /, '');

beforeAll(async () => {
  dir = tempDir('iamra-ca-bundle-');
  createCa(dir);
  tls = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'ca', 'ca.crt'), 'utf8')], tls: true });
  bundle = tls.emulator.caCertPath!;
  host = new URL(tls.emulator.url).host;
  const issued = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=alice,O=Example', '--key-out', 'alice.key', '--cert-out', 'alice.crt']);
  if (issued.status !== 0) throw new Error(issued.stderr);
});

afterAll(() => tls?.stop());

describe('AWS_CA_BUNDLE for publishing, as for the helper', () => {
  it('refuses an untrusted endpoint with the helper\'s code, exit code (4) and wording', async () => {
    const published = await publish();
    const refused = await helper();
    const publishLine = expectUserError(published, 4);
    expect(publishLine).toBe(`iamra: ListCrls failed: the TLS connection was refused, DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate (${host}). Set AWS_CA_BUNDLE to the CA that issued the endpoint's certificate.`);
    expect(expectUserError(refused, 4)).toMatch(/^iamra: CreateSession failed: the TLS connection was refused, /);
    expect(afterOperation(expectUserError(refused, 4))).toBe(afterOperation(publishLine));
    expect(onlyJson(published.stdout)).toMatchObject({ outcome: 'failed', error: { code: 'TLS_UNTRUSTED', exitCode: 4 } });
    expect(published.stdout).not.toContain('crlId');
  });

  it('publishes, and the helper gets credentials, with the emulator\'s certificate in AWS_CA_BUNDLE', async () => {
    const published = await publish({ AWS_CA_BUNDLE: bundle });
    expect([published.status, published.stderr]).toEqual([0, '']);
    expect(onlyJson(published.stdout)).toMatchObject({ outcome: 'imported', trustAnchorArn: tls.trustAnchorArn });
    const credentials = await helper({ AWS_CA_BUNDLE: bundle });
    expect([credentials.status, credentials.stderr]).toEqual([0, '']);
    expect(JSON.parse(credentials.stdout)).toMatchObject({ Version: 1 });
  });

  it('takes ca_bundle from the profile in the shared config, and AWS_CA_BUNDLE over it', async () => {
    const config = join(dir, 'aws-config');
    writeFileSync(config, `[default]\nca_bundle = ${bundle}\n`);
    const fromConfig = await iamra(['crl', 'publish', '--ca', 'ca', '--json'], { AWS_CONFIG_FILE: config });
    expect([fromConfig.status, fromConfig.stderr]).toEqual([0, '']);
    expect(onlyJson(fromConfig.stdout)).toMatchObject({ outcome: 'unchanged' });
    // A bundle without the emulator's CA replaces the defaults: the endpoint is untrusted again.
    const other = join(dir, 'other-ca.pem');
    writeFileSync(other, readFileSync(join(dir, 'ca', 'ca.crt')));
    expect(expectUserError(await iamra(['crl', 'publish', '--ca', 'ca'], { AWS_CONFIG_FILE: config, AWS_CA_BUNDLE: other }), 4)).toMatch(/^iamra: GetCrl failed: the TLS connection was refused, /);
  });

  it('refuses a bundle with no PEM certificate in it as the helper does (exit 3, one line)', async () => {
    const junk = join(dir, 'not-a-bundle.txt');
    writeFileSync(junk, 'not a certificate\n');
    const published = await iamra(['crl', 'publish', '--ca', 'ca'], { AWS_CA_BUNDLE: junk });
    const refused = await helper({ AWS_CA_BUNDLE: junk });
    const line = `iamra: cannot read AWS_CA_BUNDLE: no PEM certificate in it (${junk}). Point AWS_CA_BUNDLE at a PEM bundle.`;
    expect(expectUserError(published, 3)).toBe(line);
    expect(expectUserError(refused, 3)).toBe(line);
  });
});
