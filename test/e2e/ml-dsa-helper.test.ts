// issue 14: the credential helper with ML-DSA keys against the emulator, through the built CLI:
// ML-DSA-44/65/87 workload keys plain and encrypted, an ML-DSA root over an EC intermediate,
// sign-string checked by Python's cryptography, read-certificate-data, and the emulator refusing
// an algorithm that does not fit the key.
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptPrivateKeyPem } from '../../keys/encrypt-private-key.js';
import { loadSigningKey } from '../../keys/load-signing-key.js';
import { pemOrDer } from '../../ca/x509/pem.js';
import { parseCertificateFields } from '../../x509/certificate-fields.js';
import { readMlDsaSpki } from '../../x509/ml-dsa.js';
import { iamra, opensslCsr, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { expectPythonOk } from '../support/ml-dsa-python.js';
import { prepareSession, resign, sendRaw, type SessionSigner } from '../support/session-client.js';
import { signIntermediate } from '../support/sign-ca-certificate.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';

let dir: string;
let fixture: EmulatorFixture;
const SETS = ['ml-dsa-44', 'ml-dsa-65', 'ml-dsa-87'] as const;

function run(args: string[]): string {
  const result = iamra(dir, args);
  if (result.status !== 0) throw new Error(`iamra ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function sessionArgs(cert: string, key: string, extra: string[] = []): string[] {
  return ['credential-process', '--certificate', join(dir, cert), '--private-key', join(dir, key), '--trust-anchor-arn', fixture.trustAnchorArn,
    '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url, ...extra];
}

async function expectCredentials(args: string[]): Promise<void> {
  const result = await runHelper(args);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const credentials = JSON.parse(result.stdout) as { Version: number; AccessKeyId: string };
  expect(credentials.Version).toBe(1);
  expect(credentials.AccessKeyId).toMatch(/^ASIA/);
}

beforeAll(async () => {
  dir = tempDir('iamra-ml-dsa-helper-');
  run(['ca', 'init', '--ca', 'root', '--subject', 'CN=PQ Root,O=Example', '--key-type', 'ml-dsa-65']);
  for (const set of SETS) {
    run(['issue', '--ca', 'root', '--generate-key', '--key-type', set, '--subject', `CN=${set}`, '--key-out', `${set}.key`, '--cert-out', `${set}.crt`]);
    // The same key encrypted (PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC), which Node 20 cannot parse inside.
    const plainDer = pemOrDer(readFileSync(join(dir, `${set}.key`)), ['PRIVATE KEY'], 'key', `${set}.key`);
    writeFileSync(join(dir, `${set}.enc.key`), encryptPrivateKeyPem({ key: plainDer, passphrase: 'pässword', salt: randomBytes(16), iv: randomBytes(16), iterations: 10_000 }));
  }
  // An EC intermediate under the ML-DSA root, with an EC leaf.
  run(['ca', 'init', '--ca', 'ec-inter', '--intermediate', '--subject', 'CN=EC Intermediate,O=Example', '--key-type', 'ec-p256']);
  await signIntermediate(join(dir, 'root'), join(dir, 'ec-inter'), join(dir, 'ec-inter.crt'));
  run(['ca', 'import-cert', '--ca', 'ec-inter', 'ec-inter.crt', '--chain', join('root', 'ca.crt')]);
  opensslCsr(dir, 'ec-leaf');
  run(['issue', '--ca', 'ec-inter', '--csr', 'ec-leaf.csr', '--cert-out', 'ec-leaf.crt']);
  fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'root', 'ca.crt'), 'utf8')] });
});

afterAll(() => fixture?.stop());

describe('credential-process with ML-DSA keys against the emulator', () => {
  it.each(SETS)('%s, plain key', async (set) => {
    await expectCredentials(sessionArgs(`${set}.crt`, `${set}.key`));
  });

  it.each(SETS)('%s, encrypted key with the right password', async (set) => {
    await expectCredentials(sessionArgs(`${set}.crt`, `${set}.enc.key`, ['--pkcs8-password', 'pässword']));
  });

  it('an encrypted ML-DSA key with a wrong password is a wrong passphrase (exit 3)', async () => {
    const result = await runHelper(sessionArgs('ml-dsa-65.crt', 'ml-dsa-65.enc.key', ['--pkcs8-password', 'wrong']));
    expect(result.status).toBe(3);
    expect(errorLine(result)).toContain('wrong passphrase');
  });

  it('an EC leaf through an EC intermediate under the ML-DSA root', async () => {
    await expectCredentials(sessionArgs('ec-leaf.crt', 'ec-leaf.key', ['--intermediates', join(dir, 'ec-inter', 'ca.crt')]));
  });

  it('a key of another ML-DSA certificate is refused before any request (exit 3)', async () => {
    const result = await runHelper(sessionArgs('ml-dsa-44.crt', 'ml-dsa-65.key'));
    expect(result.status).toBe(3);
    expect(errorLine(result)).toContain('private key does not match the certificate');
  });

  it('a truncated ML-DSA key is one clear line, exit 3', async () => {
    const der = pemOrDer(readFileSync(join(dir, 'ml-dsa-44.key')), ['PRIVATE KEY'], 'key', 'k');
    writeFileSync(join(dir, 'short.key'), der.subarray(0, der.length - 3));
    const result = await runHelper(sessionArgs('ml-dsa-44.crt', 'short.key'));
    expect(result.status).toBe(3);
    expect(errorLine(result)).toMatch(/^iamra: cannot read private key .*short\.key: /);
  });
});

async function signer(set: string): Promise<SessionSigner> {
  const certificate = new X509Certificate(readFileSync(join(dir, `${set}.crt`)));
  const key = await loadSigningKey({ data: readFileSync(join(dir, `${set}.key`)), source: `${set}.key` });
  return { certificateDer: certificate.raw, serialNumber: BigInt(`0x${certificate.serialNumber}`), key, chainDer: [] };
}

describe('the emulator and AWS4-X509-MLDSA', () => {
  it('accepts a correctly signed ML-DSA request and refuses one labelled with an algorithm that does not fit the key', async () => {
    const mlDsa = await signer('ml-dsa-65');
    const input = { url: fixture.emulator.url, signer: mlDsa, trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn };
    const good = await prepareSession(input);
    expect(good.headers.authorization).toMatch(/^AWS4-X509-MLDSA Credential=\d+\//);
    expect((await sendRaw(fixture.emulator.url, good)).status).toBe(201);
    for (const algorithm of ['AWS4-X509-ECDSA-SHA256', 'AWS4-X509-RSA-SHA256']) {
      const wrong = await prepareSession(input);
      wrong.headers.authorization = wrong.headers.authorization!.replace('AWS4-X509-MLDSA', algorithm);
      await resign(wrong, mlDsa, ['content-type', 'host', 'x-amz-date', 'x-amz-x509']);
      const answer = await sendRaw(fixture.emulator.url, wrong);
      expect([answer.status, answer.json.message]).toEqual([403, 'Invalid signature']);
    }
  });

  it('refuses AWS4-X509-MLDSA on an EC certificate', async () => {
    const certificate = new X509Certificate(readFileSync(join(dir, 'ec-leaf.crt')));
    const key = await loadSigningKey({ data: readFileSync(join(dir, 'ec-leaf.key')), source: 'ec-leaf.key' });
    const ec: SessionSigner = { certificateDer: certificate.raw, serialNumber: BigInt(`0x${certificate.serialNumber}`), key, chainDer: [new X509Certificate(readFileSync(join(dir, 'ec-inter', 'ca.crt'))).raw] };
    const prepared = await prepareSession({ url: fixture.emulator.url, signer: ec, trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn });
    prepared.headers.authorization = prepared.headers.authorization!.replace('AWS4-X509-ECDSA-SHA256', 'AWS4-X509-MLDSA');
    await resign(prepared, ec, ['content-type', 'host', 'x-amz-date', 'x-amz-x509', 'x-amz-x509-chain']);
    const answer = await sendRaw(fixture.emulator.url, prepared);
    expect([answer.status, answer.json.message]).toEqual([403, 'Invalid signature']);
  });
});

describe('sign-string and read-certificate-data with ML-DSA', () => {
  it.each(SETS)('%s: sign-string output verifies with Python over the fixed string', async (set) => {
    const result = await runHelper(['sign-string', '--private-key', join(dir, `${set}.key`), '--format', 'text']);
    expect(result.status).toBe(0);
    const spki = parseCertificateFields(new X509Certificate(readFileSync(join(dir, `${set}.crt`))).raw).subjectPublicKeyInfo;
    const fixed = Buffer.concat([
      Buffer.from('AWS Roles Anywhere Credential Helper Signing Test1', 'utf8'),
      createHash('sha256').update('IAM RA').update(readMlDsaSpki(spki)!.publicKey).digest(),
    ]);
    writeFileSync(join(dir, `${set}.fixed`), fixed);
    expectPythonOk(['verify-signature', join(dir, `${set}.crt`), join(dir, `${set}.fixed`), result.stdout]);
  });

  it.each(SETS)('%s: read-certificate-data names the parameter set', async (set) => {
    const result = await runHelper(['read-certificate-data', '--certificate', join(dir, `${set}.crt`)]);
    expect(result.status).toBe(0);
    const data = JSON.parse(result.stdout) as Record<string, unknown>;
    const certificate = new X509Certificate(readFileSync(join(dir, `${set}.crt`)));
    expect(data).toEqual({
      keyType: set.toUpperCase(),
      certificateData: certificate.raw.toString('base64'),
      serialNumber: BigInt(`0x${certificate.serialNumber}`).toString(10),
      supportedAlgorithms: [set.toUpperCase()],
    });
  });
});
