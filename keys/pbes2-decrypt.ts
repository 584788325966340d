// Decrypts a PKCS#8 EncryptedPrivateKeyInfo (RFC 5958 §3) on primitives every runtime has, for
// inner keys createPrivateKey cannot parse (ML-DSA on Node 20). The schemes themselves (PBES2 with
// PBKDF2 or scrypt, and the PKCS#12 PBE schemes) are the one decryptor in keys/pkcs12/pbe-decrypt.ts.
//   EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
import { content, children, DerError, expectTag, readRoot, TAG_OCTET_STRING, TAG_SEQUENCE } from '../x509/der-reader.js';
import { pbeDecrypt, UnsupportedAlgorithmError } from './pkcs12/pbe-decrypt.js';

export type Pbes2Failure = 'malformed' | 'unsupported' | 'wrong-passphrase';

/** Why decryption failed: not an EncryptedPrivateKeyInfo, a scheme we do not decrypt, or a wrong passphrase. */
export class Pbes2DecryptError extends Error {
  readonly failure: Pbes2Failure;
  constructor(failure: Pbes2Failure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.failure = failure;
  }
}

/** The inner PrivateKeyInfo DER. */
export function decryptPbes2(encryptedPrivateKeyInfoDer: Uint8Array, passphrase: string): Buffer {
  let plain: Buffer | undefined;
  try {
    const [algorithm, data] = children(expectTag(readRoot(encryptedPrivateKeyInfoDer), TAG_SEQUENCE, 'an EncryptedPrivateKeyInfo'));
    const encrypted = content(expectTag(data, TAG_OCTET_STRING, 'encryptedData'));
    plain = pbeDecrypt({ algorithm: expectTag(algorithm, TAG_SEQUENCE, 'an AlgorithmIdentifier'), data: encrypted, password: passphrase });
  } catch (error) {
    if (error instanceof DerError) throw new Pbes2DecryptError('malformed', `not an EncryptedPrivateKeyInfo (${error.message})`, { cause: error });
    if (error instanceof UnsupportedAlgorithmError) throw new Pbes2DecryptError('unsupported', error.message, { cause: error });
    throw error;
  }
  // A wrong passphrase fails the padding check, or (1 in 256) passes it with bytes that are not DER.
  if (plain === undefined || !isSequence(plain)) throw new Pbes2DecryptError('wrong-passphrase', 'the passphrase does not decrypt the key');
  return plain;
}

function isSequence(der: Buffer): boolean {
  try {
    expectTag(readRoot(der), TAG_SEQUENCE, 'a PrivateKeyInfo');
    return true;
  } catch {
    return false;
  }
}
