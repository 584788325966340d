// The one strict way to turn untrusted bytes into a Node X509Certificate (issue 9). Node parses
// leniently and lazily: it accepts trailing bytes and BIT STRINGs with unused bits, and an EC point
// off its curve (or a key algorithm OpenSSL does not know) only fails later, when `.publicKey` is
// first read (`error:03000072:digital envelope routines::decode error`), which surfaced as an
// internal error deep inside a command. Here the DER is checked by our reader and the key is
// decoded at once, so every such certificate fails at the door with a DerError naming the defect.
import { X509Certificate } from 'node:crypto';
import { parseCertificateFields } from './certificate-fields.js';
import { children, DerError, expectTag, readBitString, readRoot, TAG_BIT_STRING, TAG_SEQUENCE } from './der-reader.js';
import { readMlDsaSpki } from './ml-dsa.js';
import { readSignedParts } from './signed-parts.js';

/** Throws DerError when `der` is not one well-formed certificate with a usable public key. */
export function readX509Certificate(der: Buffer): X509Certificate {
  const fields = parseCertificateFields(der);
  // Refuses a signature BIT STRING with unused bits.
  readSignedParts(der);
  const [, key] = children(expectTag(readRoot(fields.subjectPublicKeyInfo), TAG_SEQUENCE, 'a SubjectPublicKeyInfo'));
  if (readBitString(expectTag(key, TAG_BIT_STRING, 'a public key BIT STRING')).unusedBits !== 0) {
    throw new DerError('the public key BIT STRING has unused bits');
  }
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(der);
  } catch {
    throw new DerError('OpenSSL cannot parse it');
  }
  // ML-DSA keys are checked by readMlDsaSpki (Node 20 cannot hold them as a KeyObject).
  if (readMlDsaSpki(fields.subjectPublicKeyInfo)) return certificate;
  try {
    void certificate.publicKey;
  } catch {
    throw new DerError('its public key cannot be decoded (an EC point not on its curve, or an unknown key algorithm)');
  }
  return certificate;
}
