// The CA's composition root: reads the CA directory's configuration (ca.json), opens the store it
// names and, on demand, the signing key. Every command and use-case gets its ports from here.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describeFileError, InputError } from '../errors.js';
import { parseKeyLocation, parseStoreLocation, readCaConfig, type CaConfig, type StoreLocation } from './ca-config.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import { caSigner, type CaSigner, type PassphraseSource } from './ca-signer.js';
import { openCaKey } from './open-ca-key.js';
import type { CertStore } from './store/cert-store.js';
import type { CaStores, OpenStoresOptions } from './store/ca-stores.js';
import { openStores, storeExists } from './store/open-stores.js';
import type { PublishStore } from './store/publish-store.js';
import { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
import { asInputError } from '../x509/der-reader.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';
import { pemOrDer } from './x509/pem.js';
import { readInputFile } from '../io/read-input-file.js';

export interface CaCertificate {
  der: Buffer;
  fields: CertificateFields;
}

export interface OpenCaOptions {
  dir: string;
  /** The store to use instead of ca.json's (--store, IAMRA_STORE). */
  store?: StoreLocation;
  /** @default 'FULL' (see OpenStoresOptions) */
  synchronous?: OpenStoresOptions['synchronous'];
}

export interface OpenCa {
  paths: CaPaths;
  config: CaConfig;
  /** The store opened: ca.json's, or the one given (a URL may hold a password, in memory only). */
  storeLocation: StoreLocation;
  store: CertStore;
  publishStore: PublishStore;
  /** Undefined while an intermediate CA waits for `ca import-cert`. */
  certificate?: CaCertificate;
  /**
   * Opens the signing key once (the passphrase is asked for only when the key is encrypted) and
   * checks it against the CA certificate; later calls return the same signer. close() closes it.
   */
  signer(passphrase: PassphraseSource): Promise<CaSigner>;
  /** Closes the signer, if one was opened, and the store. */
  close(): Promise<void>;
  /** The store's online backup and integrity check, where its back end has them (CaStores). */
  backupTo?: CaStores['backupTo'];
  integrityProblems?: CaStores['integrityProblems'];
}

export const SETTING_KEY_TYPE = 'ca.keyType';
export const SETTING_STATE = 'ca.state';
export const SETTING_KEY_ENCRYPTED = 'ca.keyEncrypted';

/** ca.key and ca.crt are a few kilobytes. */
export const CA_FILE_MAX_BYTES = 1024 * 1024;

export function readCaCertificate(path: string): CaCertificate {
  const data = readInputFile(path, { what: 'CA certificate', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const der = pemOrDer(data, ['CERTIFICATE'], 'CA certificate', path);
  try {
    // Strict (issue 9): a damaged ca.crt is one clear line here, not a decode error later.
    readX509Certificate(der);
    return { der, fields: parseCertificateFields(der) };
  } catch (error) {
    throw asInputError(error, 'CERT_MALFORMED', (why) => `cannot read CA certificate ${path}: not a valid X.509 certificate (${why}). Restore ca.crt from a backup ("iamra ca restore") or the trust anchor.`);
  }
}

export async function openCa(options: OpenCaOptions): Promise<OpenCa> {
  const paths = caPaths(options.dir);
  const config = readCaConfig(paths.dir);
  const storeLocation = options.store ?? parseStoreLocation(config.store, paths.dir);
  const keyLocation = parseKeyLocation(config.key, paths.dir);
  if (storeLocation.scheme === 'sqlite' && !storeExists(storeLocation)) {
    throw new InputError('CA_NOT_FOUND', `no CA in ${paths.dir}: ${basename(storeLocation.path)} does not exist. Run "iamra ca init --ca ${options.dir}" or pass the right --ca (or IAMRA_CA_DIR).`);
  }
  const stores = await openStores(storeLocation, { create: false, ...(options.synchronous ? { synchronous: options.synchronous } : {}) });
  let certificate: CaCertificate | undefined;
  try {
    certificate = existsSync(paths.certificate) ? readCaCertificate(paths.certificate) : undefined;
  } catch (error) {
    await stores.close();
    throw error;
  }
  let opened: Promise<CaSigner> | undefined;
  const ca: OpenCa = {
    paths, config, storeLocation, store: stores.certStore, publishStore: stores.publishStore, certificate,
    backupTo: stores.backupTo, integrityProblems: stores.integrityProblems,
    signer: (passphrase) => (opened ??= openCaKey(keyLocation, passphrase).then((key) => {
      try {
        return caSigner(key, requireCertificate(ca), keyLocation.scheme === 'file' ? keyLocation.path : keyLocation.uri);
      } catch (error) {
        void key.close?.();
        throw error;
      }
    })),
    close: async () => {
      try {
        const signer = await opened?.catch(() => undefined);
        await signer?.close();
      } finally {
        await stores.close();
      }
    },
  };
  return ca;
}

/** The active CA's certificate, or a clear error while an intermediate is still pending. */
export function requireCertificate(ca: Pick<OpenCa, 'certificate' | 'paths'>): CaCertificate {
  if (!ca.certificate) {
    throw new InputError('CA_PENDING', `the CA in ${ca.paths.dir} has no certificate yet: its CSR is ${ca.paths.csr}. Have it signed, then run "iamra ca import-cert".`);
  }
  return ca.certificate;
}
