// Use-case `ca init`: a self-signed root CA, or an intermediate's key and CSR for an external root.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { signingKeySpki, type SigningKey } from '../keys/signing-key.js';
import { writePrivateKey } from '../keys/write-private-key.js';
import { writeNewFile } from '../io/write-new-file.js';
import { caConfigJson, DEFAULT_CA_CONFIG, parseStoreLocation, storeLocationForConfig, type StoreLocation } from './ca-config.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import { selfSign } from './ca-signer.js';
import { generateKey, type GeneratedKey } from './generate-key.js';
import type { KeyType } from './key-type.js';
import { SETTING_KEY_ENCRYPTED, SETTING_KEY_TYPE, SETTING_STATE } from './open-ca.js';
import { assertTaggable } from './policy/taggable.js';
import { openStores } from './store/open-stores.js';
import { encodeTbsCertificate } from './x509/certificate.js';
import { caExtensions } from './x509/certificate-profile.js';
import { encodeCsrInfo } from './x509/csr-builder.js';
import { encodeName, formatDistinguishedName, type NameAttribute } from './x509/distinguished-name.js';
import { keyIdentifier } from './x509/extensions.js';
import { encodePem } from './x509/pem.js';
import { serialFromRandom, SERIAL_BYTES } from './x509/serial-number.js';
import { signatureAlgorithmOf } from './x509/signature-algorithm.js';
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
  /** @default node:crypto randomBytes */
  randomBytes?: (size: number) => Buffer;
  actor: string;
  /** A key kept on a PKCS#11 token (ca init --key pkcs11:...): no ca.key file is written. */
  tokenKey?: TokenCaKey;
  /** Where the CA's records live (ca init --store); the CA directory's ca.db when absent. */
  store?: StoreLocation;
}

/** The store as ca.json records it: an absolute sqlite: file, or the URL without its password. */
function configuredStore(store: StoreLocation | undefined): string {
  if (!store) return DEFAULT_CA_CONFIG.store;
  return store.scheme === 'sqlite' ? `sqlite:${store.path}` : storeLocationForConfig(store.url);
}

export interface TokenCaKey {
  /** The opened token key; initCa closes it once the certificate or CSR is signed. */
  key: SigningKey;
  /** Recorded as ca.json's "key": the key's URI without any PIN (its module in module-path). */
  reference: string;
}

/** The CA's key: the token key, or a new key pair (written to ca.key). */
/** The token's key (nothing to write), or a key generated here and written to ca.key. */
async function caKey(input: InitCaInput): Promise<{ key: SigningKey; writable?: GeneratedKey['writable'] }> {
  if (input.tokenKey) return { key: input.tokenKey.key };
  const generated = await generateKey(input.keyType, input.randomBytes ?? randomBytes);
  return { key: generated.signingKey, writable: generated.writable };
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

async function selfSigned(input: InitCaInput, key: SigningKey, spki: Buffer): Promise<{ der: Buffer; serialHex: string; notAfter: Date }> {
  const algorithm = signatureAlgorithmOf(key);
  const subjectDer = encodeName(input.subject);
  const keyId = keyIdentifier(spki);
  const serial = serialFromRandom((input.randomBytes ?? randomBytes)(SERIAL_BYTES));
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
  return { der: await selfSign(key, tbs), serialHex: serial.hex, notAfter };
}

function intermediateCsr(input: InitCaInput, key: SigningKey, spki: Buffer): Promise<Buffer> {
  const info = encodeCsrInfo({ subjectDer: encodeName(input.subject), subjectPublicKeyInfo: spki, extensions: caExtensions({ subjectKeyId: keyIdentifier(spki) }) });
  return selfSign(key, info);
}

function makeCaDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    const why = (error as { code?: unknown }).code === 'EEXIST' ? 'it is a file, not a directory' : describeFileError(error);
    throw new InputError('CA_DIR_UNUSABLE', `cannot create a CA in ${dir}: ${why}. Choose another --ca directory.`, { cause: error });
  }
}

/** Signs the root certificate or the intermediate's CSR through the SigningKey, then closes it. */
async function signCaRequest(input: InitCaInput, key: SigningKey, spki: Buffer) {
  try {
    const root = input.isIntermediate ? undefined : await selfSigned(input, key, spki);
    const csrPem = input.isIntermediate ? encodePem('CERTIFICATE REQUEST', await intermediateCsr(input, key, spki)) : undefined;
    return { root, csrPem };
  } finally {
    await key.close?.();
  }
}

export async function initCa(input: InitCaInput): Promise<InitCaResult> {
  const paths = caPaths(input.dir);
  const existing = [paths.database, paths.key, paths.certificate, paths.csr, paths.config].find((p) => existsSync(p));
  if (existing) throw new InputError('CA_EXISTS', `cannot create a CA in ${paths.dir}: ${existing} already exists. Choose another --ca directory.`);
  if (!input.allowUntaggable) assertTaggable({ subject: [], sans: [], issuer: input.subject });
  const { key, writable } = await caKey(input);
  const spki = signingKeySpki(key);
  const { root, csrPem } = await signCaRequest(input, key, spki);
  const config = { ...DEFAULT_CA_CONFIG, store: configuredStore(input.store), ...(input.tokenKey ? { key: input.tokenKey.reference } : {}) };
  const certificatePem = root && encodePem('CERTIFICATE', root.der);
  makeCaDirectory(paths.dir);
  const created: string[] = [];
  try {
    if (writable) {
      writePrivateKey({ path: paths.key, key: writable, passphrase: input.passphrase });
      created.push(paths.key);
    }
    // Non-null: signCaRequest makes exactly one of the two, so without a certificate the CSR is set.
    const [path, pem] = certificatePem ? [paths.certificate, certificatePem] : [paths.csr, csrPem!];
    writeNewFile(path, pem, 0o644);
    created.push(path, paths.config);
    writeNewFile(paths.config, caConfigJson(config), 0o644);
    created.push(paths.database, `${paths.database}-wal`, `${paths.database}-shm`);
    const stores = await openStores(input.store ?? parseStoreLocation(config.store, paths.dir), { create: true });
    try {
      await stores.certStore.putSettings(
        { [SETTING_KEY_TYPE]: input.keyType, [SETTING_STATE]: input.isIntermediate ? 'pending' : 'active', [SETTING_KEY_ENCRYPTED]: String(input.passphrase !== undefined) },
        { at: input.now, actor: input.actor, action: 'ca.init', serialHex: root?.serialHex, detail: { subject: formatDistinguishedName(input.subject), keyType: input.keyType, intermediate: input.isIntermediate, encrypted: input.passphrase !== undefined, ...(input.tokenKey ? { key: input.tokenKey.reference } : {}) } },
      );
    } finally {
      await stores.close();
    }
  } catch (error) {
    for (const path of created) rmSync(path, { force: true });
    throw error;
  }
  return { paths, subject: formatDistinguishedName(input.subject), certificatePem, csrPem, serialHex: root?.serialHex, notAfter: root?.notAfter };
}

