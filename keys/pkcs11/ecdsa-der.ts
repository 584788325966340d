// The few DER shapes a PKCS#11 key needs: the SubjectPublicKeyInfo of an EC key (RFC 5480 §2),
// the unwrapped CKA_EC_POINT (PKCS#11 v2.40 §2.3.3: DER OCTET STRING), and ECDSA r||s to
// Ecdsa-Sig-Value (RFC 3279 §2.2.3).
import { InputError } from '../../errors.js';

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let n = size; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), length(value.length), value]);
}

/** INTEGER content: no leading zeros, a zero byte before a set high bit. */
function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  // Non-null: the leading-zero loop above leaves at least one byte.
  return tlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/** Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, from PKCS#11's r||s. */
export function ecdsaRawToDer(raw: Buffer): Buffer {
  if (raw.length === 0 || raw.length % 2 !== 0) throw new InputError('PKCS11_BAD_SIGNATURE', `token returned an ECDSA signature of ${raw.length} bytes, not r||s. Check the token.`);
  const half = raw.length / 2;
  return tlv(0x30, Buffer.concat([unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half))]));
}

/** CKA_EC_POINT is DER OCTET STRING { point } (SoftHSM, most tokens); some return the bare point. */
export function unwrapEcPoint(value: Buffer): Buffer {
  if (value[0] === 0x04 && value.length > 2) {
    // Non-null: value.length > 2 was checked on the line above.
    const long = value[1]! & 0x80 ? value[1]! & 0x7f : 0;
    // Non-null: value.length > 2 was checked above.
    const size = long ? value.subarray(2, 2 + long).reduce((n, b) => n * 256 + b, 0) : value[1]!;
    if (2 + long + size === value.length) return value.subarray(2 + long);
  }
  return value;
}

const EC_PUBLIC_KEY_OID = Buffer.from('06072a8648ce3d0201', 'hex');

/** SubjectPublicKeyInfo { { id-ecPublicKey, ECParameters }, BIT STRING point }. */
export function ecSubjectPublicKeyInfo(ecParams: Buffer, point: Buffer): Buffer {
  const algorithm = tlv(0x30, Buffer.concat([EC_PUBLIC_KEY_OID, ecParams]));
  return tlv(0x30, Buffer.concat([algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), point]))]));
}

/** DigestInfo prefixes for CKM_RSA_PKCS (RFC 8017 §9.2 note 1). */
export const DIGEST_INFO_PREFIX: Record<'sha256' | 'sha384' | 'sha512', Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};
