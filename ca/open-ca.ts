// Opens an existing CA directory: its store and, once active, its certificate.
import { existsSync, readFileSync } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import type { CertStore } from './store/cert-store.js';
import { openSqliteCertStore } from './store/sqlite/sqlite-cert-store.js';
import { readCaCertificateFields, type CaCertificateFields } from './x509/ca-certificate-fields.js';
import { pemOrDer } from './x509/pem.js';

export interface CaCertificate {
  der: Buffer;
  fields: CaCertificateFields;
}

export interface OpenCa {
  paths: CaPaths;
  store: CertStore;
  /** Undefined while an intermediate CA waits for `ca import-cert`. */
  certificate?: CaCertificate;
}

export const SETTING_KEY_TYPE = 'ca.keyType';
export const SETTING_STATE = 'ca.state';
export const SETTING_KEY_ENCRYPTED = 'ca.keyEncrypted';
/** Where the CA key is: `file:ca.key`, or a pkcs11: URI without its PIN (ca init --key). */
export const SETTING_KEY_REFERENCE = 'ca.keyReference';
/** The PKCS#11 module given to ca init --pkcs11-lib, if any. */
export const SETTING_PKCS11_LIB = 'ca.pkcs11Lib';

export function readCaCertificate(path: string): CaCertificate {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (error) {
    throw new InputError('CA_CERT_UNREADABLE', `cannot read CA certificate ${path}: ${describeFileError(error)}. Check the CA directory.`, { cause: error });
  }
  const der = pemOrDer(data, ['CERTIFICATE'], 'CA certificate', path);
  return { der, fields: readCaCertificateFields(der) };
}

export function openCa(dir: string): OpenCa {
  const paths = caPaths(dir);
  if (!existsSync(paths.database)) {
    throw new InputError('CA_NOT_FOUND', `no CA in ${paths.dir}: ca.db does not exist. Run "iamra ca init --ca ${dir}" or pass the right --ca (or IAMRA_CA_DIR).`);
  }
  const store = openSqliteCertStore(paths.database, { create: false });
  try {
    const certificate = existsSync(paths.certificate) ? readCaCertificate(paths.certificate) : undefined;
    return { paths, store, certificate };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** The active CA's certificate, or a clear error while an intermediate is still pending. */
export function requireCertificate(ca: OpenCa): CaCertificate {
  if (!ca.certificate) {
    throw new InputError('CA_PENDING', `the CA in ${ca.paths.dir} has no certificate yet: its CSR is ${ca.paths.csr}. Have it signed, then run "iamra ca import-cert".`);
  }
  return ca.certificate;
}
