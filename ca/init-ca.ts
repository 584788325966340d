// Use-case `ca init`: a self-signed root CA, or an intermediate's key and CSR for an external root.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { writeNewFile, writePrivateKey } from '../keys/write-private-key.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import { generateKeyPair, type KeyType } from './key-type.js';
import { caKeyOperations, type CaKeyOperations, type CaPrivateKey } from './ml-dsa-ca-key.js';
import { SETTING_KEY_ENCRYPTED, SETTING_KEY_TYPE, SETTING_STATE } from './open-ca.js';
import { assertTaggable } from './policy/taggable.js';
import { openSqliteCertStore } from './store/sqlite/sqlite-cert-store.js';
import { encodeTbsCertificate, wrapSigned } from './x509/certificate.js';
import { caExtensions } from './x509/certificate-profile.js';
import { encodeCsrInfo } from './x509/csr-builder.js';
import { encodeName, formatDistinguishedName, type NameAttribute } from './x509/distinguished-name.js';
import { keyIdentifier } from './x509/extensions.js';
import { encodePem } from './x509/pem.js';
import { serialFromRandom, SERIAL_BYTES } from './x509/serial-number.js';
import { truncateToSecond } from './x509/time.js';

export interface InitCaInput {
  dir: string;
  subject: NameAttribute[];
  keyType: KeyType;
  /** The key to use, from generateCaKey; required for ML-DSA key types (their engine loads asynchronously). */
  key?: CaPrivateKey;
  validitySeconds: number;
  /** Produce a key and CSR for an external root instead of a self-signed certificate. */
  isIntermediate: boolean;
  /** Encrypts the CA key; undefined writes it unencrypted (`--no-encrypt`). */
  passphrase?: string;
  allowUntaggable: boolean;
  now: Date;
  randomBytes: (size: number) => Buffer;
  actor: string;
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

function selfSigned(input: InitCaInput, operations: CaKeyOperations, spki: Buffer): { der: Buffer; serialHex: string; notAfter: Date } {
  const { algorithm } = operations;
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
  return { der: wrapSigned(tbs, algorithm.identifier, operations.sign(tbs)), serialHex: serial.hex, notAfter };
}

function intermediateCsr(input: InitCaInput, operations: CaKeyOperations, spki: Buffer): Buffer {
  const { algorithm } = operations;
  const info = encodeCsrInfo({ subjectDer: encodeName(input.subject), subjectPublicKeyInfo: spki, extensions: caExtensions({ subjectKeyId: keyIdentifier(spki) }) });
  return wrapSigned(info, algorithm.identifier, operations.sign(info));
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
  const operations = caKeyOperations(input.key ?? { kind: 'classic', key: generateKeyPair(input.keyType).privateKey });
  const spki = operations.subjectPublicKeyInfo;
  const root = input.isIntermediate ? undefined : selfSigned(input, operations, spki);
  const csrPem = input.isIntermediate ? encodePem('CERTIFICATE REQUEST', intermediateCsr(input, operations, spki)) : undefined;
  const certificatePem = root && encodePem('CERTIFICATE', root.der);
  makeCaDirectory(paths.dir);
  const created: string[] = [];
  try {
    writePrivateKey({ path: paths.key, key: operations.writable, passphrase: input.passphrase });
    created.push(paths.key);
    const [path, pem] = certificatePem ? [paths.certificate, certificatePem] : [paths.csr, csrPem!];
    writeNewFile(path, pem, 0o644);
    created.push(path, paths.database, `${paths.database}-wal`, `${paths.database}-shm`);
    const store = openSqliteCertStore(paths.database, { create: true });
    try {
      store.putSettings(
        { [SETTING_KEY_TYPE]: input.keyType, [SETTING_STATE]: input.isIntermediate ? 'pending' : 'active', [SETTING_KEY_ENCRYPTED]: String(input.passphrase !== undefined) },
        { at: input.now, actor: input.actor, action: 'ca.init', serialHex: root?.serialHex, detail: { subject: formatDistinguishedName(input.subject), keyType: input.keyType, intermediate: input.isIntermediate, encrypted: input.passphrase !== undefined } },
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

