// Token keys the helper cannot sign with, and keys that need their PIN for every signature
// (CKA_ALWAYS_AUTHENTICATE, --reuse-pin), through the built binary against SoftHSM2. SoftHSM 2.6
// enforces the context-specific login: C_Sign without it fails with CKR_USER_NOT_LOGGED_IN.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, setPrivateKeyFlags, SOFTHSM_MODULE, type SoftHsmToken, type TokenKeyType } from '../support/softhsm.js';
import { certifyPublicKey } from '../support/token-certificate.js';
import { createPki, writeFile, type TestPki } from './helper-support/fixtures.js';
import { errorLine, isolatedEnv, runHelper } from './helper-support/run-helper.js';
import { helperRunner } from '../support/helper-runner.js';
import { onTerminal } from '../support/on-terminal.js';

let pki: TestPki;
let emulator: EmulatorFixture;
let token: SoftHsmToken;
let pinFile: string;
const certificates = new Map<string, string>();

function certify(label: string, id: string): void {
  const path = certifyPublicKey({ dir: pki.dir, label, publicKeyPem: readTokenPublicKeyPem(token, id), caCertPath: pki.intermediatePath, caKeyPath: join(pki.dir, 'intermediate.key') });
  certificates.set(label, path);
}

beforeAll(async () => {
  if (!hasSoftHsm) return;
  pki = await createPki();
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
  token = createSoftHsmToken('keys-token');
  pinFile = writeFile(token.dir, 'pin.txt', '1234\n', 0o600);
  const keys: Array<[string, string, TokenKeyType, string[]]> = [
    ['always', '01', 'EC:prime256v1', ['--always-auth']],
    ['always-rsa', '02', 'rsa:2048', ['--always-auth']],
    ['no-sign', '03', 'rsa:2048', []],
    ['pss-only', '04', 'rsa:2048', ['--allowed-mechanisms', 'RSA-PKCS-PSS,SHA256-RSA-PKCS-PSS']],
    ['secp256k1', '05', 'EC:secp256k1', []],
    ['brainpool', '06', 'EC:brainpoolP256r1', []],
    ['ed25519', '07', 'EC:edwards25519', []],
  ];
  for (const [label, id, type, extraArgs] of keys) token.generateKey({ type, label, id, extraArgs });
  setPrivateKeyFlags(token, 'no-sign', { CKA_SIGN: false, CKA_DECRYPT: true });
  for (const [label, id] of [['always', '01'], ['always-rsa', '02'], ['no-sign', '03'], ['pss-only', '04']] as const) certify(label, id);
  token.writeCertificate({ pem: readFileSync(certificates.get('always')!, 'utf8'), label: 'always', id: '01' });
});
afterAll(async () => {
  await emulator?.stop();
  token?.remove();
});

function arnFlags(): string[] {
  return ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn, '--endpoint', emulator.emulator.url];
}

function keyUri(label: string, query = `?pin-source=${pinFile}`): string {
  return `pkcs11:token=keys-token;object=${label}${query}`;
}

function credentialProcess(args: string[], home?: string) {
  return runHelper(['credential-process', ...args, '--pkcs11-lib', SOFTHSM_MODULE, ...arnFlags()], { AWS_CA_BUNDLE: emulator.emulator.caCertPath, ...token.env, ...(home ? { HOME: home } : {}) });
}

describe.skipIf(!hasSoftHsm)('token keys the helper cannot sign with: one line, exit 3, no PIN, nothing written', () => {
  const cases = [
    { key: 'secp256k1', certificate: 'always', code: 'PKCS11_KEY_UNSUPPORTED', line: /^iamra: cannot use the token key: its EC curve secp256k1 is not one of P-256, P-384, P-521 \(pkcs11:.*object=secp256k1;id=%05;type=private; pkcs11:token=keys-token;object=secp256k1\)\. Use an EC P-256\/P-384\/P-521 or RSA 2048\+ key\.$/ },
    { key: 'brainpool', certificate: 'always', code: 'PKCS11_KEY_UNSUPPORTED', line: /^iamra: cannot use the token key: its EC curve brainpoolP256r1 is not one of P-256, P-384, P-521 / },
    { key: 'ed25519', certificate: 'always', code: 'PKCS11_KEY_UNSUPPORTED', line: /^iamra: cannot use the token key: it is a EdDSA \(CKK_EC_EDWARDS\) key, not RSA or EC \(pkcs11:.*object=ed25519;id=%07;type=private; / },
    // CKA_SIGN false: C_SignInit answers CKR_KEY_FUNCTION_NOT_PERMITTED.
    { key: 'no-sign', certificate: 'no-sign', code: 'PKCS11_KEY_CANNOT_SIGN', line: /^iamra: cannot sign with the token key no-sign: the key is not allowed to sign \(CKA_SIGN is false\) \(pkcs11:token=keys-token;object=no-sign\)\. Use a key created for signing\.$/ },
    // CKA_ALLOWED_MECHANISMS without CKM_RSA_PKCS: C_SignInit answers CKR_MECHANISM_INVALID.
    { key: 'pss-only', certificate: 'pss-only', code: 'PKCS11_MECHANISM_UNSUPPORTED', line: /^iamra: cannot sign with the token key pss-only: the token does not support this signature mechanism for this key \(pkcs11:token=keys-token;object=pss-only\)\. Use an RSA or EC \(P-256\/P-384\/P-521\) key the token can sign with\.$/ },
  ];
  for (const c of cases) {
    it(`${c.key}: ${c.code}`, async () => {
      const home = join(token.dir, `home-${c.key}`);
      const result = await credentialProcess(['--certificate', certificates.get(c.certificate)!, '--private-key', keyUri(c.key, '?pin-value=1234'), '--intermediates', pki.intermediatePath], home);
      expect(result.stdout).toBe('');
      expect(errorLine(result)).toMatch(c.line);
      expect(result.stderr).not.toMatch(/1234/);
      expect(result.status).toBe(3);
      expect(() => readdirSync(home)).toThrow();
    });
  }
});

describe.skipIf(!hasSoftHsm)('CKA_ALWAYS_AUTHENTICATE keys and --reuse-pin', () => {
  for (const label of ['always', 'always-rsa']) {
    it(`${label}: --reuse-pin logs in for the signature with the user PIN and gets credentials`, async () => {
      const result = await credentialProcess(['--certificate', certificates.get(label)!, '--private-key', keyUri(label), '--intermediates', pki.intermediatePath, '--reuse-pin']);
      expect(result.status, result.stderr).toBe(0);
      expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
      expect(result.stderr).toBe('');
    });
  }

  it('the certificate read from the token, with --reuse-pin', async () => {
    const result = await credentialProcess(['--certificate', 'pkcs11:token=keys-token;object=always;type=cert', '--private-key', keyUri('always'), '--intermediates', pki.intermediatePath, '--reuse-pin']);
    expect(result.status, result.stderr).toBe(0);
  });

  it('without --reuse-pin and no terminal: PKCS11_CONTEXT_PIN_REQUIRED, one line, exit 2, nothing written', async () => {
    const home = join(token.dir, 'home-no-reuse');
    const result = await credentialProcess(['--certificate', certificates.get('always')!, '--private-key', keyUri('always', '?pin-value=1234'), '--intermediates', pki.intermediatePath], home);
    expect(result.stdout).toBe('');
    expect(errorLine(result)).toMatch(/^iamra: cannot sign with the token key: it needs its PIN for every signature \(CKA_ALWAYS_AUTHENTICATE\) and there is no terminal to ask on \(pkcs11:token=keys-token;object=always\)\. Pass --reuse-pin\.$/);
    expect(result.status).toBe(2);
    expect(() => readdirSync(home)).toThrow();
  });

  it('sign-string --reuse-pin: a signature of the fixed test string that the certificate\'s public key verifies', async () => {
    const result = await runHelper(['sign-string', '--private-key', keyUri('always'), '--pkcs11-lib', SOFTHSM_MODULE, '--reuse-pin', '--format', 'text'], { ...token.env });
    expect(result.status, result.stderr).toBe(0);
    const publicKey = new X509Certificate(readFileSync(certificates.get('always')!)).publicKey;
    const jwk = publicKey.export({ format: 'jwk' });
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    const signed = Buffer.concat([Buffer.from('AWS Roles Anywhere Credential Helper Signing Test1'), createHash('sha256').update('IAM RA').update(point).digest()]);
    expect(verify('sha256', signed, publicKey, Buffer.from(result.stdout.trim(), 'hex'))).toBe(true);
  });
});

const hasScript = spawnSync('script', ['--version']).status === 0;
const CONTEXT_PROMPT = 'Enter the PIN of token keys-token (for this signature): ';

/** The helper on a terminal, its stdout to `out` in the token directory; `pin` typed at the context-PIN prompt. */
function helperOnTerminal(args: string[], pin: string, out: string) {
  const runner = helperRunner();
  const env = isolatedEnv({ ...token.env, AWS_CA_BUNDLE: emulator.emulator.caCertPath });
  return onTerminal([runner.command, ...runner.prefix, ...args, '--pkcs11-lib', SOFTHSM_MODULE], { cwd: token.dir, env, prompt: /for this signature\): $/, answer: pin, stdoutPath: join(token.dir, out) });
}

describe.skipIf(!hasSoftHsm || !hasScript)('CKA_ALWAYS_AUTHENTICATE keys without --reuse-pin, on a terminal: the PIN typed at a no-echo prompt', () => {
  const secret = '4321';

  it('sign-string: the prompt on the terminal, the signature alone on stdout, the PIN never shown', async () => {
    const run = await helperOnTerminal(['sign-string', '--private-key', keyUri('always'), '--format', 'text'], '1234', 'sign.out');
    expect(run.status, run.output).toBe(0);
    expect(run.output).toBe(`${CONTEXT_PROMPT}\r\n`);
    const signature = readFileSync(join(token.dir, 'sign.out'), 'utf8');
    expect(signature).toMatch(/^[0-9a-f]+$/);
    const publicKey = new X509Certificate(readFileSync(certificates.get('always')!)).publicKey;
    const jwk = publicKey.export({ format: 'jwk' });
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    const signed = Buffer.concat([Buffer.from('AWS Roles Anywhere Credential Helper Signing Test1'), createHash('sha256').update('IAM RA').update(point).digest()]);
    expect(verify('sha256', signed, publicKey, Buffer.from(signature.trim(), 'hex'))).toBe(true);
  });

  it('credential-process: credentials on stdout after the PIN typed once, the PIN never shown', async () => {
    const args = ['credential-process', '--certificate', certificates.get('always-rsa')!, '--private-key', keyUri('always-rsa'), '--intermediates', pki.intermediatePath, ...arnFlags()];
    const run = await helperOnTerminal(args, '1234', 'credentials.out');
    expect(run.status, run.output).toBe(0);
    expect(run.output).toBe(`${CONTEXT_PROMPT}\r\n`);
    const credentials = JSON.parse(readFileSync(join(token.dir, 'credentials.out'), 'utf8')) as Record<string, unknown>;
    expect(credentials).toMatchObject({ Version: 1, AccessKeyId: expect.stringMatching(/^ASIA/), SecretAccessKey: expect.any(String), SessionToken: expect.any(String) });
  });

  it('a wrong PIN typed: PKCS11_PIN_INCORRECT in one line, exit 3, nothing on stdout, the PIN never shown', async () => {
    const run = await helperOnTerminal(['sign-string', '--private-key', keyUri('always'), '--format', 'text'], secret, 'wrong.out');
    expect(run.status).toBe(3);
    const lines = run.output.split('\r\n').filter((line) => line !== '');
    expect(lines).toEqual([CONTEXT_PROMPT, `iamra: cannot sign with the token key always: the PIN typed for this signature is wrong (${keyUri('always')}). Run again and type the token's user PIN; the token locks after a few wrong PINs.`]);
    expect(run.output).not.toContain(secret);
    expect(readFileSync(join(token.dir, 'wrong.out'), 'utf8')).toBe('');
  });
});
