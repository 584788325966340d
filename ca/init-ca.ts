// Use-case `ca init`: a self-signed root CA, or an intermediate's key and CSR for an external root.
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { writeNewFile, writePrivateKey } from '../keys/write-private-key.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import { generateKeyPair, type KeyType } from './key-type.js';
import type { Digest } from '../keys/signing-key.js';
import { SETTING_KEY_ENCRYPTED, SETTING_KEY_REFERENCE, SETTING_KEY_TYPE, SETTING_PKCS11_LIB, SETTING_STATE } from './open-ca.js';
import { assertTaggable } from './policy/taggable.js';
import { openSqliteCertStore } from './store/sqlite/sqlite-cert-store.js';
import { encodeTbsCertificate, wrapSigned } from './x509/certificate.js';
import { caExtensions } from './x509/certificate-profile.js';
import { encodeCsrInfo } from './x509/csr-builder.js';
import { encodeName, formatDistinguishedName, type NameAttribute } from './x509/distinguished-name.js';
import { keyIdentifier } from './x509/extensions.js';
import { encodePem } from './x509/pem.js';
import { serialFromRandom, SERIAL_BYTES } from './x509/serial-number.js';
import { signatureAlgorithmFor, type SignatureAlgorithm } from './x509/signature-algorithm.js';
import { truncateToSecond } from './x509/time.js';

export interface InitCaInput {
  dir: string;
  subject: NameAttribute[];
  keyType: KeyType;
  validitySeconds: number;
  /** Produce a key and CSR for an external root instead of a self-signed certificate. */
  isIntermediate: boolean;
  /** Encrypts the CA key; undefined writes it unencrypted (`--no-encrypt`). */
  passphrase?: string;
  allowUntaggable: boolean;
  now: Date;
  randomBytes: (size: number) => Buffer;
  actor: string;
  /** A key kept on a PKCS#11 token (ca init --key pkcs11:...): no ca.key file is written. */
  tokenKey?: TokenCaKey;
}

export interface TokenCaKey {
  publicKey: KeyObject;
  signSync(data: Uint8Array, digest?: Digest): Buffer;
  /** The key's URI without any PIN, recorded in the CA's settings. */
  reference: string;
  pkcs11Lib?: string;
}

/** What signs the CA's own certificate or CSR: an in-memory key or a token key. */
interface InitSigner {
  spki: Buffer;
  algorithm: SignatureAlgorithm;
  sign(data: Buffer): Buffer;
}

function initSigner(input: InitCaInput): { signer: InitSigner; privateKey?: KeyObject } {
  if (input.tokenKey) {
    const { tokenKey } = input;
    const algorithm = signatureAlgorithmFor(tokenKey.publicKey);
    return { signer: { spki: tokenKey.publicKey.export({ format: 'der', type: 'spki' }), algorithm, sign: (data) => tokenKey.signSync(data, algorithm.digest as Digest) } };
  }
  const { privateKey } = generateKeyPair(input.keyType);
  const algorithm = signatureAlgorithmFor(privateKey);
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { signer: { spki, algorithm, sign: (data) => sign(algorithm.digest, data, privateKey) }, privateKey };
}

export interface InitCaResult {
  paths: CaPaths;
  subject: string;
  /** PEM of the root certificate (root mode). */
  certificatePem?: string;
  /** PEM of the CSR to have signed (intermediate mode). */
  csrPem?: string;
  serialHex?: string;
  notAfter?: Date;
}

function selfSigned(input: InitCaInput, signer: InitSigner): { der: Buffer; serialHex: string; notAfter: Date } {
  const { algorithm, spki } = signer;
  const subjectDer = encodeName(input.subject);
  const keyId = keyIdentifier(spki);
  const serial = serialFromRandom(input.randomBytes(SERIAL_BYTES));
  const notBefore = truncateToSecond(input.now);
  const notAfter = new Date(notBefore.getTime() + input.validitySeconds * 1000);
  const tbs = encodeTbsCertificate({
    serialDer: serial.der,
    signatureAlgorithm: algorithm.identifier,
    issuerDer: subjectDer,
    notBefore,
    notAfter,
    subjectDer,
    subjectPublicKeyInfo: spki,
    extensions: caExtensions({ subjectKeyId: keyId, authorityKeyId: keyId }),
  });
  return { der: wrapSigned(tbs, algorithm.identifier, signer.sign(tbs)), serialHex: serial.hex, notAfter };
}

function intermediateCsr(input: InitCaInput, signer: InitSigner): Buffer {
  const { algorithm, spki } = signer;
  const info = encodeCsrInfo({ subjectDer: encodeName(input.subject), subjectPublicKeyInfo: spki, extensions: caExtensions({ subjectKeyId: keyIdentifier(spki) }) });
  return wrapSigned(info, algorithm.identifier, signer.sign(info));
}

function makeCaDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const why = (error as { code?: unknown }).code === 'EEXIST' ? 'it is a file, not a directory' : describeFileError(error);
    throw new InputError('CA_DIR_UNUSABLE', `cannot create a CA in ${dir}: ${why}. Choose another --ca directory.`, { cause: error });
  }
}

export function initCa(input: InitCaInput): InitCaResult {
  const paths = caPaths(input.dir);
  const existing = [paths.database, paths.key, paths.certificate, paths.csr].find((p) => existsSync(p));
  if (existing) throw new InputError('CA_EXISTS', `cannot create a CA in ${paths.dir}: ${existing} already exists. Choose another --ca directory.`);
  if (!input.allowUntaggable) assertTaggable({ subject: [], sans: [], issuer: input.subject });
  const { signer, privateKey } = initSigner(input);
  const root = input.isIntermediate ? undefined : selfSigned(input, signer);
  const csrPem = input.isIntermediate ? encodePem('CERTIFICATE REQUEST', intermediateCsr(input, signer)) : undefined;
  const certificatePem = root && encodePem('CERTIFICATE', root.der);
  makeCaDirectory(paths.dir);
  const created: string[] = [];
  try {
    if (privateKey) {
      writePrivateKey({ path: paths.key, key: privateKey, passphrase: input.passphrase });
      created.push(paths.key);
    }
    const [path, pem] = certificatePem ? [paths.certificate, certificatePem] : [paths.csr, csrPem!];
    writeNewFile(path, pem, 0o644);
    created.push(path, paths.database, `${paths.database}-wal`, `${paths.database}-shm`);
    const store = openSqliteCertStore(paths.database, { create: true });
    try {
      const token = input.tokenKey;
      const tokenSettings = token ? { [SETTING_KEY_REFERENCE]: token.reference, ...(token.pkcs11Lib ? { [SETTING_PKCS11_LIB]: token.pkcs11Lib } : {}) } : {};
      store.putSettings(
        { [SETTING_KEY_TYPE]: input.keyType, [SETTING_STATE]: input.isIntermediate ? 'pending' : 'active', [SETTING_KEY_ENCRYPTED]: String(input.passphrase !== undefined), ...tokenSettings },
        { at: input.now, actor: input.actor, action: 'ca.init', serialHex: root?.serialHex, detail: { subject: formatDistinguishedName(input.subject), keyType: input.keyType, intermediate: input.isIntermediate, encrypted: input.passphrase !== undefined, ...(token ? { key: token.reference } : {}) } },
      );
    } finally {
      store.close();
    }
  } catch (error) {
    for (const path of created) rmSync(path, { force: true });
    throw error;
  }
  return { paths, subject: formatDistinguishedName(input.subject), certificatePem, csrPem, serialHex: root?.serialHex, notAfter: root?.notAfter };
}

