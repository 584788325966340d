// The key and certificate matrix through the built binary: every supported key type, encoding,
// encryption and PKCS#12 variant obtains credentials from the Roles Anywhere emulator over TLS.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestKeyType } from '../support/pki.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { buildTestCrl } from '../support/test-crl.js';
import { createPki, encryptKey, exportPkcs12, issueLeaf, openssl, PASSWORD, writeFile, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';

let pki: TestPki;
let emulator: EmulatorFixture;
const leaves = new Map<TestKeyType, IdentityFiles>();
const chainedLeaves = new Map<TestKeyType, IdentityFiles>();
const KEY_TYPES: TestKeyType[] = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'];
const CHAINED_KEY_TYPES: TestKeyType[] = ['ec-p256', 'ec-p384', 'rsa-2048'];

beforeAll(async () => {
  pki = await createPki();
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
  for (const keyType of KEY_TYPES) leaves.set(keyType, await issueLeaf(pki, `leaf-${keyType}`, keyType));
  for (const keyType of CHAINED_KEY_TYPES) chainedLeaves.set(keyType, await issueLeaf(pki, `chained-${keyType}`, keyType, { viaIntermediate: true }));
});
afterAll(() => emulator.stop());

function run(args: string[]) {
  const arns = ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn];
  return runHelper(['credential-process', ...args, ...arns, '--endpoint', emulator.emulator.url, '--debug'], { AWS_CA_BUNDLE: emulator.emulator.caCertPath });
}

/** The emulator verified the signature and the chain; the debug log shows what was signed. */
async function expectCredentials(args: string[], expectedChain = 0): Promise<void> {
  const result = await run(args);
  expect(result.status, result.stderr).toBe(0);
  const output = JSON.parse(result.stdout) as Record<string, unknown>;
  expect(Object.keys(output)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  expect(output.Version).toBe(1);
  const signedHeaders = /^content-type;host;x-amz-date;x-amz-x509(;x-amz-x509-chain)?$/m.exec(result.stderr)!;
  expect(signedHeaders[1] !== undefined).toBe(expectedChain > 0);
}

describe('key types', () => {
  for (const keyType of KEY_TYPES) {
    it(`${keyType}: PKCS#8 PEM, issued by the anchor`, async () => {
      const files = leaves.get(keyType)!;
      await expectCredentials(['--certificate', files.certPath, '--private-key', files.keyPath]);
    });
  }
  for (const keyType of CHAINED_KEY_TYPES) {
    it(`${keyType}: issued by an intermediate, sent with --intermediates`, async () => {
      const files = chainedLeaves.get(keyType)!;
      await expectCredentials(['--certificate', files.certPath, '--private-key', files.keyPath, '--intermediates', pki.intermediatePath], 1);
    });
  }
});

describe('key encodings', () => {
  it('PKCS#1 RSA PEM and SEC1 EC PEM (traditional)', async () => {
    for (const keyType of ['rsa-2048', 'ec-p256'] as const) {
      const files = leaves.get(keyType)!;
      const traditional = writeFile(pki.dir, `${keyType}-traditional.key`, openssl(['pkey', '-in', files.keyPath, '-traditional']), 0o600);
      expect(readFileSync(traditional, 'utf8')).toMatch(keyType === 'rsa-2048' ? /BEGIN RSA PRIVATE KEY/ : /BEGIN EC PRIVATE KEY/);
      await expectCredentials(['--certificate', files.certPath, '--private-key', traditional]);
    }
  });

  it('DER key and DER certificate', async () => {
    const files = leaves.get('ec-p256')!;
    const keyDer = `${pki.dir}/ec.der.key`;
    const certDer = `${pki.dir}/ec.der.crt`;
    openssl(['pkey', '-in', files.keyPath, '-outform', 'DER', '-out', keyDer]);
    openssl(['x509', '-in', files.certPath, '-outform', 'DER', '-out', certDer]);
    await expectCredentials(['--certificate', certDer, '--private-key', keyDer]);
  });

  it('combined PEM (certificate then key) with no --private-key', async () => {
    const files = leaves.get('rsa-2048')!;
    const combined = writeFile(pki.dir, 'combined.pem', readFileSync(files.certPath, 'utf8') + readFileSync(files.keyPath, 'utf8'), 0o600);
    await expectCredentials(['--certificate', combined]);
  });
});

describe('encrypted PKCS#8', () => {
  const variants: Array<[string, string[]]> = [
    ['aes-128-cbc, hmacWithSHA1', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA1']],
    ['aes-128-cbc, hmacWithSHA224', ['-v2', 'aes-128-cbc', '-v2prf', 'hmacWithSHA224']],
    ['aes-192-cbc, hmacWithSHA256', ['-v2', 'aes-192-cbc', '-v2prf', 'hmacWithSHA256']],
    ['aes-256-cbc, hmacWithSHA384', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA384']],
    ['aes-256-cbc, hmacWithSHA512', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512']],
    ['aes-256-cbc, hmacWithSHA512-256', ['-v2', 'aes-256-cbc', '-v2prf', 'hmacWithSHA512-256']],
    ['aes-256-cbc, scrypt', ['-v2', 'aes-256-cbc', '-scrypt']],
    ['des-ede3-cbc, hmacWithSHA256', ['-v2', 'des3']],
    ['PKCS#12 PBE-SHA1-3DES (-v1)', ['-v1', 'PBE-SHA1-3DES']],
  ];
  for (const [name, args] of variants) {
    it(name, async () => {
      const files = leaves.get('ec-p256')!;
      const encrypted = encryptKey(files, `enc-${name.replace(/\W+/g, '-')}`, args);
      await expectCredentials(['--certificate', files.certPath, '--private-key', encrypted, '--pkcs8-password', PASSWORD]);
    });
  }
});

describe('legacy encrypted PEM (Proc-Type: 4,ENCRYPTED)', () => {
  for (const [keyType, cipher] of [['ec-p256', '-aes256'], ['rsa-2048', '-des3']] as const) {
    it(`${keyType} ${cipher}`, async () => {
      const files = leaves.get(keyType)!;
      const legacy = writeFile(pki.dir, `legacy-${keyType}.key`, openssl(['pkey', '-in', files.keyPath, '-traditional', cipher, '-passout', `pass:${PASSWORD}`]), 0o600);
      expect(readFileSync(legacy, 'utf8')).toContain('Proc-Type: 4,ENCRYPTED');
      await expectCredentials(['--certificate', files.certPath, '--private-key', legacy, '--pkcs8-password', PASSWORD]);
    });
  }
});

describe('PKCS#12', () => {
  const variants: Array<[string, string, string[]]> = [
    ['OpenSSL 3 default (AES-256-CBC, PBKDF2, SHA-256 MAC) with a password', PASSWORD, []],
    ['OpenSSL 3 default with an empty password', '', []],
    ['legacy (-legacy: RC2-40 certificates, 3DES key, SHA-1 MAC) with a password', PASSWORD, ['-legacy']],
    ['legacy with an empty password', '', ['-legacy']],
    ['PBE-SHA1-3DES for certificates and key', PASSWORD, ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']],
    ['unencrypted, no MAC', '', ['-keypbe', 'NONE', '-certpbe', 'NONE', '-nomac']],
  ];
  for (const [name, password, args] of variants) {
    it(name, async () => {
      const files = leaves.get('rsa-2048')!;
      const p12 = exportPkcs12(files, `p12-${name.replace(/\W+/g, '-').slice(0, 40)}`, password, args);
      await expectCredentials(['--certificate', p12, ...(password ? ['--pkcs8-password', password] : [])]);
    });
  }

  it('with the intermediate inside: sent as the chain, the root left out', async () => {
    const files = chainedLeaves.get('ec-p384')!;
    const bundle = writeFile(pki.dir, 'bundle.pem', readFileSync(pki.intermediatePath, 'utf8') + readFileSync(pki.rootPath, 'utf8'));
    const p12 = exportPkcs12(files, 'p12-chain', PASSWORD, [], bundle);
    await expectCredentials(['--certificate', p12, '--pkcs8-password', PASSWORD], 1);
  });
});

describe('refusals from the emulator', () => {
  it('a certificate on an imported CRL is revoked: exit 1, the CRL hint', async () => {
    const revoked = await issueLeaf(pki, 'revoked', 'ec-p256');
    const crl = buildTestCrl({ issuer: pki.root, revokedSerials: [revoked.identity.serialHex] });
    await emulator.emulator.control.importCrl({ name: 'helper-test', crlData: Buffer.from(crl.pem), trustAnchorArn: emulator.trustAnchorArn, enabled: true });
    const result = await run(['--certificate', revoked.certPath, '--private-key', revoked.keyPath]);
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n').find((l) => l.startsWith('iamra: CreateSession'))).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked \(.*\)\. The certificate is on a CRL of the trust anchor: issue a new certificate\.$/);
  });

  it('a clock 10 minutes off is an invalid signature, with the signing time in the hint', async () => {
    const skewed = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true, now: () => new Date(Date.now() + 600_000) });
    try {
      const files = leaves.get('ec-p256')!;
      const arns = ['--trust-anchor-arn', skewed.trustAnchorArn, '--profile-arn', skewed.profileArn, '--role-arn', skewed.roleArn];
      const result = await runHelper(['credential-process', '--certificate', files.certPath, '--private-key', files.keyPath, ...arns, '--endpoint', skewed.emulator.url], { AWS_CA_BUNDLE: skewed.emulator.caCertPath });
      expect(result.status).toBe(1);
      expect(errorLine(result)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Invalid signature \(127\.0\.0\.1:\d+\)\. Check this machine's clock \(the request was signed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    } finally {
      await skewed.stop();
    }
  });

  it('a leaf under the intermediate without --intermediates is untrusted: exit 1 with the hint', async () => {
    const files = chainedLeaves.get('ec-p384')!;
    const result = await run(['--certificate', files.certPath, '--private-key', files.keyPath]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter((l) => l.startsWith('iamra: CreateSession'))).toEqual([
      expect.stringMatching(/^iamra: CreateSession refused: AccessDeniedException: Untrusted signing certificate.*pass the intermediates with --intermediates\.$/i),
    ]);
  });

  it('a custom session name the profile does not accept', async () => {
    const files = leaves.get('ec-p256')!;
    const arns = ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn];
    const result = await runHelper(['credential-process', '--certificate', files.certPath, '--private-key', files.keyPath, ...arns, '--endpoint', emulator.emulator.url, '--role-session-name', 'custom'], { AWS_CA_BUNDLE: emulator.emulator.caCertPath });
    expect(result.status).toBe(1);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Not authorized to set roleSessionName .*enable acceptRoleSessionName on the profile or drop --role-session-name\.$/);
  });
});
