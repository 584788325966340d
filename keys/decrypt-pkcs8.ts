// Decrypts an EncryptedPrivateKeyInfo (RFC 5958 §3) to its PrivateKeyInfo DER with our own PBES2 /
// PKCS#12-PBE code on primitives every runtime has (pbkdf2Sync, scryptSync, createDecipheriv):
// Bun's createPrivateKey refuses scrypt and most PRFs, so neither build hands a passphrase to it.
import { children, content, DerError, expectTag, readRoot, TAG_OCTET_STRING, TAG_SEQUENCE } from '../x509/der-reader.js';
import { pbeDecrypt } from './pkcs12/pbe-decrypt.js';

/**
 * EncryptedPrivateKeyInfo ::= SEQUENCE {
 *   encryptionAlgorithm  AlgorithmIdentifier,
 *   encryptedData        OCTET STRING }
 * Returns the decrypted PrivateKeyInfo, or undefined when the passphrase is wrong: the padding check
 * fails, or (1 in 256) passes with bytes that are not a DER SEQUENCE.
 * Throws DerError for a malformed structure and UnsupportedAlgorithmError for an unknown scheme.
 */
export function decryptPkcs8(der: Buffer, passphrase: string): Buffer | undefined {
  const [algorithm, data, ...rest] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'EncryptedPrivateKeyInfo'));
  if (rest.length > 0) throw new DerError('EncryptedPrivateKeyInfo has extra fields');
  const algorithmTlv = expectTag(algorithm, TAG_SEQUENCE, 'encryptionAlgorithm');
  const encrypted = content(expectTag(data, TAG_OCTET_STRING, 'encryptedData'));
  const plain = pbeDecrypt({ algorithm: algorithmTlv, data: encrypted, password: passphrase });
  return plain !== undefined && isSequence(plain) ? plain : undefined;
}

function isSequence(der: Buffer): boolean {
  try {
    expectTag(readRoot(der), TAG_SEQUENCE, 'a PrivateKeyInfo');
    return true;
  } catch {
    return false;
  }
}
