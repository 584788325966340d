// Test-only PKI: CAs, intermediates and end-entity certificates with full control over the
// fields the service checks (validity, CA flag, key usage, signature hash), via @peculiar/x509.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

export type TestKeyType = 'rsa-1024' | 'rsa-2048' | 'rsa-3072' | 'rsa-4096' | 'ec-p256' | 'ec-p384' | 'ec-p521';
export type TestHash = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface TestIdentity {
  certificate: x509.X509Certificate;
  /** PEM of the certificate. */
  certPem: string;
  /** Unencrypted PKCS#8 PEM of the private key. */
  keyPem: string;
  keys: CryptoKeyPair;
  keyType: TestKeyType;
  /** Lower-case hex serial. */
  serialHex: string;
}

export interface TestCertificateOptions {
  subject: string;
  keyType?: TestKeyType;
  serialHex?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** basicConstraints CA flag; `undefined` leaves the extension out. @default false for leaves */
  isCa?: boolean;
  /** Key usage flags; `null` leaves the extension out. */
  keyUsage?: number | null;
  sans?: x509.JsonGeneralName[];
  /** Hash of the certificate signature. @default 'SHA-256' */
  hash?: TestHash;
}

const DAY_MS = 86_400_000;

function algorithmFor(keyType: TestKeyType, hash: TestHash): RsaHashedKeyGenParams | EcKeyGenParams {
  if (keyType.startsWith('rsa-')) {
    return { name: 'RSASSA-PKCS1-v1_5', modulusLength: Number(keyType.slice(4)), publicExponent: new Uint8Array([1, 0, 1]), hash };
  }
  const curve = { 'ec-p256': 'P-256', 'ec-p384': 'P-384', 'ec-p521': 'P-521' }[keyType as 'ec-p256'];
  return { name: 'ECDSA', namedCurve: curve };
}

async function generateKeys(keyType: TestKeyType, hash: TestHash = 'SHA-256'): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(algorithmFor(keyType, hash), true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function toIdentity(certificate: x509.X509Certificate, keys: CryptoKeyPair, keyType: TestKeyType): Promise<TestIdentity> {
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    certificate,
    certPem: certificate.toString('pem') + '\n',
    keyPem: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY') + '\n',
    keys,
    keyType,
    serialHex: certificate.serialNumber.toLowerCase(),
  };
}

function randomSerialHex(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function signingAlgorithm(issuer: CryptoKeyPair, hash: TestHash): Algorithm | EcdsaParams {
  return issuer.privateKey.algorithm.name === 'ECDSA' ? ({ name: 'ECDSA', hash } as EcdsaParams) : { name: 'RSASSA-PKCS1-v1_5', hash } as Algorithm;
}

/** A self-signed root CA (CA:true, keyCertSign|cRLSign). */
export async function createTestRoot(options: Partial<TestCertificateOptions> = {}): Promise<TestIdentity> {
  const keyType = options.keyType ?? 'ec-p256';
  const hash = options.hash ?? 'SHA-256';
  const keys = await generateKeys(keyType, hash);
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: options.serialHex ?? randomSerialHex(),
    name: options.subject ?? 'CN=iamra test root',
    notBefore: options.notBefore ?? new Date(now - DAY_MS),
    notAfter: options.notAfter ?? new Date(now + 3650 * DAY_MS),
    keys,
    signingAlgorithm: signingAlgorithm(keys, hash),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(options.keyUsage ?? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return toIdentity(certificate, keys, keyType);
}

/**
 * A certificate signed by `issuer`. Defaults make a valid Roles Anywhere end-entity certificate
 * (CA:false, digitalSignature, clientAuth, SHA-256, valid for a day either side of now).
 */
export async function issueTestCertificate(issuer: TestIdentity, options: TestCertificateOptions): Promise<TestIdentity> {
  const keyType = options.keyType ?? 'ec-p256';
  const hash = options.hash ?? 'SHA-256';
  const keys = await generateKeys(keyType);
  const now = Date.now();
  const isCa = options.isCa ?? false;
  const defaultUsage = isCa
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(isCa, undefined, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
  if (options.keyUsage !== null) extensions.push(new x509.KeyUsagesExtension(options.keyUsage ?? defaultUsage, true));
  if (!isCa) extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]));
  if (options.sans?.length) extensions.push(new x509.SubjectAlternativeNameExtension(options.sans));
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: options.serialHex ?? randomSerialHex(),
    subject: options.subject,
    issuer: issuer.certificate.subject,
    notBefore: options.notBefore ?? new Date(now - DAY_MS),
    notAfter: options.notAfter ?? new Date(now + DAY_MS),
    publicKey: keys.publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: signingAlgorithm(issuer.keys, hash),
    extensions,
  });
  return toIdentity(certificate, keys, keyType);
}

/** Writes `<name>.crt` and `<name>.key` (0600) into `dir`; returns their paths. */
export function writeIdentity(dir: string, name: string, identity: TestIdentity): { certPath: string; keyPath: string } {
  const certPath = join(dir, `${name}.crt`);
  const keyPath = join(dir, `${name}.key`);
  writeFileSync(certPath, identity.certPem);
  writeFileSync(keyPath, identity.keyPem, { mode: 0o600 });
  return { certPath, keyPath };
}
