// Token keys the helper cannot sign with, and keys that need their PIN for every signature
// (CKA_ALWAYS_AUTHENTICATE, --reuse-pin), through the built binary against SoftHSM2. SoftHSM 2.6
// enforces the context-specific login: C_Sign without it fails with CKR_USER_NOT_LOGGED_IN.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, setPrivateKeyFlags, SOFTHSM_MODULE, type SoftHsmToken, type TokenKeyType } from '../support/softhsm.js';
import { certifyPublicKey } from '../support/token-certificate.js';
import { createPki, writeFile, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';

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
