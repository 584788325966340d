// Workload keys in a software TPM (swtpm) through tpm2-pkcs11, through the built CLI: RSA and EC
// keys made in the TPM get credentials from the emulator, with the certificate as a file or read
// from the token (tpm2-pkcs11 stores certificate objects). And the TPM's dictionary-attack lockout,
// the one module here that locks a PIN: after 3 wrong PINs (swtpm's default maxTries) the token
// answers CKR_PIN_LOCKED, even to the right PIN.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { hasSoftwareTpm, startSoftwareTpm, TPM2_PKCS11_MODULE, type SoftwareTpm } from '../support/swtpm.js';
import { certifyPublicKey } from '../support/token-certificate.js';
import { createPki, openssl, writeFile, type TestPki } from './helper-support/fixtures.js';
import { runHelper } from './helper-support/run-helper.js';

const PIN = '1234';
let pki: TestPki;
let emulator: EmulatorFixture;
let tpm: SoftwareTpm;
let pinFile: string;
const certificates = new Map<string, string>();

/** pkcs11-tool on the TPM's token, logged in as the user. */
function tokenTool(on: SoftwareTpm, label: string, args: string[], pin = PIN): string {
  const result = spawnSync('pkcs11-tool', ['--module', TPM2_PKCS11_MODULE, '--token-label', label, '--login', '--pin', pin, ...args], { env: { ...process.env, ...on.env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pkcs11-tool ${args[0]} failed: ${result.stderr}`);
  return result.stdout;
}

function makeTpmKey(label: string, id: string, type: string): void {
  tokenTool(tpm, 'tpm-workload', ['--keypairgen', '--key-type', type, '--label', label, '--id', id, '--usage-sign']);
  const der = join(pki.dir, `${label}.pub.der`);
  tokenTool(tpm, 'tpm-workload', ['--read-object', '--type', 'pubkey', '--id', id, '--output-file', der]);
  const publicKeyPem = openssl(['pkey', '-pubin', '-inform', 'DER', '-in', der]);
  rmSync(der);
  const path = certifyPublicKey({ dir: pki.dir, label, publicKeyPem, caCertPath: pki.intermediatePath, caKeyPath: join(pki.dir, 'intermediate.key') });
  certificates.set(label, path);
  const certDer = join(pki.dir, `${label}.der`);
  openssl(['x509', '-in', path, '-outform', 'DER', '-out', certDer]);
  tokenTool(tpm, 'tpm-workload', ['--write-object', certDer, '--type', 'cert', '--label', label, '--id', id]);
}

beforeAll(async () => {
  if (!hasSoftwareTpm) return;
  pki = await createPki();
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
  tpm = await startSoftwareTpm('tpm-workload', PIN);
  pinFile = writeFile(pki.dir, 'pin.txt', `${PIN}\n`, 0o600);
  makeTpmKey('tpm-ec', '01', 'EC:prime256v1');
  makeTpmKey('tpm-rsa', '02', 'rsa:2048');
});
afterAll(async () => {
  await emulator?.stop();
  tpm?.stop();
});

function arnFlags(): string[] {
  return ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn, '--endpoint', emulator.emulator.url];
}

function credentialProcess(on: SoftwareTpm, args: string[], env: Record<string, string> = {}) {
  return runHelper(['credential-process', ...args, '--pkcs11-lib', TPM2_PKCS11_MODULE, '--intermediates', pki.intermediatePath, ...arnFlags()], { AWS_CA_BUNDLE: emulator.emulator.caCertPath, ...on.env, ...env });
}

function expectCredentials(result: Awaited<ReturnType<typeof credentialProcess>>): void {
  expect(result.status, result.stderr).toBe(0);
  expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  expect(result.stderr).toBe('');
}

describe.skipIf(!hasSoftwareTpm)('credential-process with a workload key in a TPM (tpm2-pkcs11 on swtpm)', () => {
  for (const label of ['tpm-ec', 'tpm-rsa']) {
    it(`${label}: key in the TPM, certificate file`, async () => {
      expectCredentials(await credentialProcess(tpm, ['--certificate', certificates.get(label)!, '--private-key', `pkcs11:token=tpm-workload;object=${label}?pin-source=${pinFile}`]));
    });

    it(`${label}: key and certificate both read from the TPM's token`, async () => {
      const uri = `pkcs11:token=tpm-workload;object=${label}`;
      expectCredentials(await credentialProcess(tpm, ['--certificate', `${uri};type=cert`, '--private-key', `${uri};type=private?pin-source=${pinFile}`]));
    });
  }

  it('read-certificate-data lists the certificates stored in the TPM token', async () => {
    const result = await runHelper(['read-certificate-data', '--certificate', 'pkcs11:token=tpm-workload', '--pkcs11-lib', TPM2_PKCS11_MODULE], { ...tpm.env });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('"CN=tpm-ec, O=iamra"');
    expect(result.stdout).toContain('"CN=tpm-rsa, O=iamra"');
  });
});

describe.skipIf(!hasSoftwareTpm)('a locked PIN: the TPM\'s dictionary-attack lockout', () => {
  let locking: SoftwareTpm;
  let certificate: string;
  beforeAll(async () => {
    // Its own TPM: the lockout is TPM-wide and lasts swtpm's recovery time (1000 s).
    locking = await startSoftwareTpm('lock-token', PIN);
    tokenTool(locking, 'lock-token', ['--keypairgen', '--key-type', 'EC:prime256v1', '--label', 'k', '--id', '01', '--usage-sign']);
    const der = join(pki.dir, 'lock.pub.der');
    tokenTool(locking, 'lock-token', ['--read-object', '--type', 'pubkey', '--id', '01', '--output-file', der]);
    certificate = certifyPublicKey({ dir: pki.dir, label: 'lock', publicKeyPem: openssl(['pkey', '-pubin', '-inform', 'DER', '-in', der]), caCertPath: pki.intermediatePath, caKeyPath: join(pki.dir, 'intermediate.key') });
  });
  afterAll(() => locking?.stop());

  it('wrong PINs are PKCS11_PIN_INCORRECT until the TPM locks; then PKCS11_PIN_LOCKED, for the right PIN too', async () => {
    const attempt = async (pin: string, n: number) => {
      const home = join(pki.dir, `home-lock-${n}`);
      const result = await credentialProcess(locking, ['--certificate', certificate, '--private-key', `pkcs11:token=lock-token;object=k?pin-value=${pin}`], { HOME: home });
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(/1234|9999/);
      expect(result.status).toBe(3);
      expect(() => readdirSync(home)).toThrow();
      // tpm2-pkcs11 itself writes "ERROR: ..." lines to stderr at every level; ours is the one iamra: line.
      const lines = result.stderr.split('\n').filter((line) => line !== '');
      expect(lines.filter((line) => !line.startsWith('ERROR: '))).toHaveLength(1);
      return lines.find((line) => line.startsWith('iamra: ')) ?? '';
    };
    const lines: string[] = [];
    for (let n = 0; n < 4; n++) lines.push(await attempt('9999', n));
    lines.push(await attempt(PIN, 4));
    const wrong = 'iamra: cannot log in to token lock-token: wrong PIN (pkcs11:token=lock-token;object=k). Check the PIN (pin-value, the pin-source file, or the one typed); the token locks after a few wrong PINs.';
    const locked = 'iamra: cannot log in to token lock-token: the PIN is locked after too many wrong tries (pkcs11:token=lock-token;object=k). Have the security officer unlock or reset the user PIN (a TPM unlocks itself after its lockout recovery time).';
    expect(lines).toEqual([wrong, wrong, wrong, locked, locked]);
  });
});
