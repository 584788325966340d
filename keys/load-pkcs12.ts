// A PKCS#12 file as an identity: the private key, the certificate that matches it, and the
// other certificates as its chain (official-helper.md §1.3, without its empty-password limit).
import { createPublicKey, type X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { assertUsableKey } from './load-private-key.js';
import { orderChain, publicKeysMatch } from './certificate-chain.js';
import { Pkcs12Error, readPkcs12 } from './pkcs12/read-pkcs12.js';
import { UnsupportedAlgorithmError } from './pkcs12/pbe-decrypt.js';
import { signingKeyFromKeyObject, type SigningKey } from './signing-key.js';

export interface LoadPkcs12Input {
  data: Buffer;
  source: string;
  /** '' when none was given. */
  password: string;
  /** What to tell the user to do when a password is needed, e.g. "Pass --pkcs8-password". */
  passwordHint: string;
  /** @default 2048; see LoadPrivateKeyInput.minRsaBits */
  minRsaBits?: number;
}

export interface Pkcs12Identity {
  key: SigningKey;
  certificate: X509Certificate;
  /** Issuers of the certificate found in the file, nearest first, self-signed roots left out. */
  chain: X509Certificate[];
}

export function loadPkcs12(input: LoadPkcs12Input): Pkcs12Identity {
  const { source } = input;
  let contents;
  try {
    contents = readPkcs12(input.data, input.password);
  } catch (error) {
    throw translate(error, input);
  }
  assertUsableKey(contents.privateKey, source, input.minRsaBits);
  const publicKey = createPublicKey(contents.privateKey);
  const certificate = contents.certificates.find((c) => publicKeysMatch(c.publicKey, publicKey));
  if (!certificate) {
    throw new InputError('PKCS12_NO_MATCHING_CERTIFICATE', `cannot read PKCS#12 file: no certificate in it matches its private key (${source}). Export the certificate together with its key.`);
  }
  return {
    key: signingKeyFromKeyObject(contents.privateKey, publicKey),
    certificate,
    chain: orderChain(certificate, contents.certificates),
  };
}

function translate(error: unknown, input: LoadPkcs12Input): InputError {
  const { source } = input;
  if (error instanceof UnsupportedAlgorithmError) {
    return new InputError('PKCS12_UNSUPPORTED', `cannot read PKCS#12 file: encryption algorithm ${error.algorithm} is not supported (${source}). Re-export it with openssl pkcs12 -export (AES-256-CBC or 3DES).`, { cause: error });
  }
  if (error instanceof Pkcs12Error && error.reason === 'wrong-password') {
    if (input.password === '') {
      return new InputError('PKCS12_PASSWORD_REQUIRED', `cannot read PKCS#12 file: it is protected by a password and none was given (${source}). ${input.passwordHint}.`, { cause: error });
    }
    return new InputError('PKCS12_WRONG_PASSWORD', `cannot read PKCS#12 file: wrong password (${source}). Check the password.`, { cause: error });
  }
  if (error instanceof Pkcs12Error && (error.reason === 'no-key' || error.reason === 'no-certificate')) {
    return new InputError('PKCS12_INCOMPLETE', `cannot read PKCS#12 file: ${error.message} (${source}). Export the certificate together with its private key.`, { cause: error });
  }
  if (error instanceof Pkcs12Error && error.reason === 'unsupported') {
    return new InputError('PKCS12_UNSUPPORTED', `cannot read PKCS#12 file: ${error.message} (${source}). Re-export it with openssl pkcs12 -export.`, { cause: error });
  }
  return new InputError('PKCS12_MALFORMED', `cannot read PKCS#12 file: not a valid PKCS#12 or PEM file (${source}). Check the file.`, { cause: error });
}
