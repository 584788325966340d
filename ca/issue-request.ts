// The public key, subject and SANs of an issue request: from a CSR (proof of possession checked)
// or from a key generated here.
import type { KeyObject } from 'node:crypto';
import { InputError } from '../errors.js';
import { signingKeySpki, type SigningKey } from '../keys/signing-key.js';
import type { MlDsaEngine } from '../x509/ml-dsa-engine.js';
import type { MlDsaParameterSet } from '../x509/ml-dsa.js';
import { parseCsr } from './x509/csr.js';
import { asInputError } from '../x509/der-reader.js';
import { decodeName, parseDistinguishedName, type NameAttribute } from './x509/distinguished-name.js';
import { pemOrDer } from './x509/pem.js';
import { decodeGeneralNames, parseSubjectAltName, type SubjectAltName } from './x509/subject-alt-name.js';

export interface IssueRequest {
  /** The key; for ML-DSA, its parameter set. */
  publicKey: KeyObject | MlDsaParameterSet;
  subjectPublicKeyInfo: Buffer;
  subject: NameAttribute[];
  sans: SubjectAltName[];
}

export interface IssueRequestInput {
  /** CSR file contents (PEM or DER), or undefined with `generatedKey`. */
  csrData?: Buffer;
  csrSource?: string;
  generatedKey?: SigningKey;
  /** Checks an ML-DSA CSR's signature; loaded by the caller when the CSR names ML-DSA. */
  mlDsa?: MlDsaEngine;
  /** `--subject`; when absent the CSR's subject is used. */
  subjectText?: string;
  /** `--san` values; when absent the CSR's requested SANs are used. */
  sanTexts: string[];
}

export function buildIssueRequest(input: IssueRequestInput): IssueRequest {
  const csrSource = input.csrSource ?? 'CSR';
  const csr = input.csrData === undefined ? undefined : parseCsr(pemOrDer(input.csrData, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], 'CSR', csrSource), csrSource, input.mlDsa);
  // Non-null: buildIssueRequest gets either csrData or generatedKey; without a CSR the key is set.
  const { publicKey, subjectPublicKeyInfo } = csr ?? generatedPublicKey(input.generatedKey!);
  let subject: NameAttribute[];
  if (input.subjectText !== undefined) subject = parseDistinguishedName(input.subjectText);
  else if (csr) subject = fromCsr(csrSource, () => decodeName(csr.subjectNode));
  else throw new InputError('SUBJECT_REQUIRED', 'no subject for the certificate: --generate-key needs --subject. Pass --subject "CN=...".');
  let sans = input.sanTexts.map(parseSubjectAltName);
  const requested = csr?.requestedSanDer;
  if (sans.length === 0 && requested) sans = fromCsr(csrSource, () => decodeGeneralNames(requested));
  return { publicKey, subjectPublicKeyInfo, subject, sans };
}

function generatedPublicKey(key: SigningKey): { publicKey: KeyObject | MlDsaParameterSet; subjectPublicKeyInfo: Buffer } {
  return { publicKey: key.algorithm === 'ML-DSA' ? key.parameterSet : key.publicKey, subjectPublicKeyInfo: signingKeySpki(key) };
}

function fromCsr<T>(source: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw asInputError(error, 'CSR_MALFORMED', (why) => `cannot read CSR ${source}: malformed subject or SAN (${why}). Create the CSR again.`);
  }
}
