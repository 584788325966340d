// `crl generate --out FILE` over an existing file: a CRL of this CA (its issuer is the CA's subject
// and its authorityKeyIdentifier the CA's key identifier) may be replaced, as a cron job does every
// run; anything else at that path is refused unless forced.
import { statSync } from 'node:fs';
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { parseCrl } from '../x509/crl.js';
import type { CaCertificate } from './open-ca.js';

/** A CRL file is far smaller (the ImportCrl cap is 1 MB); a larger file is not one of ours. */
export const CRL_FILE_MAX_BYTES = 16 * 1024 * 1024;

export type CrlOutput = 'new' | 'replace';

/** Why the existing file is not this CA's CRL, or undefined when it is. */
function notOurCrl(path: string, ca: CaCertificate): string | undefined {
  let data: Buffer;
  try {
    data = readInputFile(path, { what: 'the existing CRL', maxBytes: CRL_FILE_MAX_BYTES });
  } catch {
    return 'something that is not a readable CRL file';
  }
  let crl: ReturnType<typeof parseCrl>;
  try {
    crl = parseCrl(data);
  } catch {
    return 'a file that is not a CRL';
  }
  if (!crl.issuerDer.equals(ca.fields.subjectDer)) return 'a CRL of another issuer';
  if (!crl.authorityKeyId || !ca.fields.subjectKeyId || !crl.authorityKeyId.equals(ca.fields.subjectKeyId)) return 'a CRL signed under another key (its authority key identifier differs)';
  return undefined;
}

/** 'new' when nothing is at `path`; 'replace' for this CA's CRL or with `isForced`; otherwise refused. */
export function checkCrlOutput(path: string, ca: CaCertificate, isForced: boolean): CrlOutput {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'new';
    isDirectory = false;
  }
  if (isDirectory) throw new InputError('OUTPUT_IS_DIRECTORY', `cannot write the CRL to ${path}: it is a directory. Give a file path.`);
  if (isForced) return 'replace';
  const why = notOurCrl(path, ca);
  if (why !== undefined) {
    throw new InputError('OUTPUT_NOT_OUR_CRL', `cannot write the CRL to ${path}: it holds ${why}, not a CRL of this CA. Choose another path, or pass --force to replace it.`);
  }
  return 'replace';
}
