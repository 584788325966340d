// The public half of a token key as a KeyObject: CKA_PUBLIC_KEY_INFO when the token has it,
// else CKA_MODULUS/CKA_PUBLIC_EXPONENT (RSA) or CKA_EC_PARAMS with the public key object's
// CKA_EC_POINT (EC), else the certificate with the same CKA_ID.
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { InputError } from '../../errors.js';
import { ecSubjectPublicKeyInfo, unwrapEcPoint } from './ecdsa-der.js';
import { findObjects, readAttributes, type Pkcs11Session, type TokenObject } from './pkcs11-session.js';

/** CKA_PUBLIC_KEY_INFO (PKCS#11 v2.40): not in pkcs11js's constant table. */
const CKA_PUBLIC_KEY_INFO = 0x129;

export type TokenKeyType = 'RSA' | 'EC';

/** CKK_* names of the key types we cannot sign with (pkcs11t.h; pkcs11js lacks the newer ones). */
const OTHER_KEY_TYPES: Record<number, string> = { 0x1: 'DSA', 0x2: 'DH', 0x30: 'GOST R 34.10-2001', 0x40: 'EdDSA (CKK_EC_EDWARDS)', 0x41: 'CKK_EC_MONTGOMERY' };

export function tokenKeyType(session: Pkcs11Session, key: TokenObject, shown: string): TokenKeyType {
  const { binding } = session.module;
  const [value] = readAttributes(session, key.handle, [binding.CKA_KEY_TYPE]);
  const type = value && value.length >= 4 ? value.readUInt32LE(0) : -1;
  if (type === binding.CKK_RSA) return 'RSA';
  if (type === binding.CKK_EC) return 'EC';
  const name = OTHER_KEY_TYPES[type] ?? `CKK 0x${type.toString(16)}`;
  throw new InputError('PKCS11_KEY_UNSUPPORTED', `cannot use the token key: it is a ${name} key, not RSA or EC (${key.uri}; ${shown}). Use an RSA 2048+ or EC P-256/P-384/P-521 key.`);
}

/** namedCurve OIDs (DER ECParameters, RFC 5480 §2.1.1.1) of the curves Roles Anywhere takes. */
const SUPPORTED_EC_PARAMS = new Map([
  ['06082a8648ce3d030107', 'P-256'],
  ['06052b81040022', 'P-384'],
  ['06052b81040023', 'P-521'],
]);

/** Names of curves tokens hold that we refuse, for the message; any other shows its OID. */
const OTHER_EC_PARAMS = new Map([
  ['06052b8104000a', 'secp256k1'],
  ['06092b2403030208010107', 'brainpoolP256r1'],
  ['06092b240303020801010b', 'brainpoolP384r1'],
  ['06092b240303020801010d', 'brainpoolP512r1'],
]);

/** Dotted form of a DER OBJECT IDENTIFIER (X.690 §8.19), or undefined if it is not one. */
function dottedOid(der: Buffer): string | undefined {
  if (der[0] !== 0x06 || der[1] !== der.length - 2 || der.length < 3) return undefined;
  // Non-null: der.length >= 3 was checked above.
  const first = der[2]!;
  const arcs = [Math.min(2, Math.floor(first / 40)), first - 40 * Math.min(2, Math.floor(first / 40))];
  let value = 0;
  for (const byte of der.subarray(3)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/**
 * Refuses an EC key on a curve Roles Anywhere does not take (secp256k1, brainpool, explicit
 * parameters), by its CKA_EC_PARAMS, before any KeyObject is built: the token would sign with it,
 * and Bun's crypto cannot even read such a public key.
 */
export function assertSupportedCurve(session: Pkcs11Session, key: TokenObject, shown: string): void {
  const [params] = readAttributes(session, key.handle, [session.module.binding.CKA_EC_PARAMS]);
  const hex = params?.toString('hex');
  if (hex === undefined || SUPPORTED_EC_PARAMS.has(hex)) return;
  // Non-null: hex is defined only when params is.
  const curve = OTHER_EC_PARAMS.get(hex) ?? (dottedOid(params!) ? `with OID ${dottedOid(params!)}` : '(explicit parameters)');
  const supported = [...SUPPORTED_EC_PARAMS.values()].join(', ');
  throw new InputError('PKCS11_KEY_UNSUPPORTED', `cannot use the token key: its EC curve ${curve} is not one of ${supported} (${key.uri}; ${shown}). Use an EC P-256/P-384/P-521 or RSA 2048+ key.`);
}

function fromPublicObject(session: Pkcs11Session, key: TokenObject, ecParams: Buffer): KeyObject | undefined {
  const { binding } = session.module;
  const byId = key.id.length ? findObjects(session, { id: key.id }, 'public') : [];
  const candidates = byId.length ? byId : key.label ? findObjects(session, { object: key.label }, 'public') : [];
  if (candidates.length !== 1) return undefined;
  // Non-null: candidates.length === 1 was checked on the line above.
  const [point] = readAttributes(session, candidates[0]!.handle, [binding.CKA_EC_POINT]);
  if (!point) return undefined;
  return createPublicKey({ key: ecSubjectPublicKeyInfo(ecParams, unwrapEcPoint(point)), format: 'der', type: 'spki' });
}

function fromCertificate(session: Pkcs11Session, key: TokenObject): KeyObject | undefined {
  if (!key.id.length) return undefined;
  const certificates = findObjects(session, { id: key.id }, 'cert');
  if (certificates.length !== 1) return undefined;
  // Non-null: certificates.length === 1 was checked on the line above.
  const [der] = readAttributes(session, certificates[0]!.handle, [session.module.binding.CKA_VALUE]);
  return der ? new X509Certificate(der).publicKey : undefined;
}

export function tokenPublicKey(session: Pkcs11Session, key: TokenObject, type: TokenKeyType, shown: string): KeyObject {
  const { binding } = session.module;
  const [info] = readAttributes(session, key.handle, [CKA_PUBLIC_KEY_INFO]);
  if (info && info.length > 0) return createPublicKey({ key: info, format: 'der', type: 'spki' });
  if (type === 'RSA') {
    const [n, e] = readAttributes(session, key.handle, [binding.CKA_MODULUS, binding.CKA_PUBLIC_EXPONENT]);
    if (n && e) return createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
  } else {
    const [params] = readAttributes(session, key.handle, [binding.CKA_EC_PARAMS]);
    const found = params && fromPublicObject(session, key, params);
    if (found) return found;
  }
  const fromCert = fromCertificate(session, key);
  if (fromCert) return fromCert;
  throw new InputError('PKCS11_PUBLIC_KEY_MISSING', `cannot read the public key of the token key: the token has no public key or certificate with its id (${key.uri}; ${shown}). Keep the public key object next to the private key.`);
}
