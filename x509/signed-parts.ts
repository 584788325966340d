// The three parts every signed X.509 object shares (RFC 5280 §4.1.1, §5.1.1; RFC 2986 §4.2):
//   SEQUENCE { tbs, signatureAlgorithm AlgorithmIdentifier, signature BIT STRING }
import { children, decodeOid, DerError, encoded, expectTag, readBitString, readRoot, TAG_BIT_STRING, TAG_OID, TAG_SEQUENCE } from './der-reader.js';

export interface SignedParts {
  /** The signed bytes: the complete TBS encoding. */
  tbsDer: Buffer;
  signatureAlgorithmOid: string;
  /** The whole AlgorithmIdentifier, to check that ML-DSA parameters are absent. */
  signatureAlgorithmDer: Buffer;
  signature: Buffer;
}

/** Throws DerError when the bytes are not a signed object. */
export function readSignedParts(der: Uint8Array): SignedParts {
  const [tbs, algorithm, signature] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'a signed object'));
  const algorithmNode = expectTag(algorithm, TAG_SEQUENCE, 'an AlgorithmIdentifier');
  return {
    tbsDer: encoded(expectTag(tbs, TAG_SEQUENCE, 'the signed content')),
    signatureAlgorithmOid: decodeOid(expectTag(children(algorithmNode)[0], TAG_OID, 'a signature algorithm OID')),
    signatureAlgorithmDer: encoded(algorithmNode),
    signature: wholeOctets(readBitString(expectTag(signature, TAG_BIT_STRING, 'a signature'))),
  };
}

/** Every signature algorithm makes whole octets: a BIT STRING saying otherwise is malformed (issue 9). */
function wholeOctets(bits: { bytes: Buffer; unusedBits: number }): Buffer {
  if (bits.unusedBits !== 0) throw new DerError('the signature BIT STRING has unused bits');
  return bits.bytes;
}
