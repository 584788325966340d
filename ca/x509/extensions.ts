// Certificate and CRL extensions the CA writes (RFC 5280 §4.2.1, §5.2, §5.3), each as DER.
import { createHash, type KeyObject } from 'node:crypto';
import { bitString, boolean, enumerated, implicitPrimitive, octetString, oid, sequence, smallInteger, bigInteger } from '../../x509/der-writer.js';
import { children, content, expectTag, readRoot, TAG_BIT_STRING } from '../../x509/der-reader.js';
import { REVOCATION_REASONS, type RevocationReason } from '../../x509/crl-entry.js';
import { keyUsageBits, type KeyUsageFlags } from '../../x509/key-usage.js';
import { OID } from './oids.js';
import { encodeGeneralNames, type SubjectAltName } from './subject-alt-name.js';

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING } */
export function extension(extnId: string, value: Buffer, isCritical = false): Buffer {
  return isCritical
    ? sequence(oid(extnId), boolean(true), octetString(value))
    : sequence(oid(extnId), octetString(value));
}

/** BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }, critical. */
export function basicConstraints(isCa: boolean, pathLength?: number): Buffer {
  const items = isCa ? [boolean(true), ...(pathLength === undefined ? [] : [smallInteger(pathLength)])] : [];
  return extension(OID.basicConstraints, sequence(...items), true);
}

/** KeyUsage ::= BIT STRING, critical, in minimal DER form (trailing zero bits dropped). */
export function keyUsage(flags: KeyUsageFlags): Buffer {
  const { bytes, unusedBits } = keyUsageBits(flags);
  return extension(OID.keyUsage, bitString(bytes, unusedBits), true);
}

/** ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
export function extendedKeyUsage(purposes: readonly string[]): Buffer {
  return extension(OID.extKeyUsage, sequence(...purposes.map((p) => oid(p))));
}

/** The subjectPublicKey BIT STRING contents of a DER SubjectPublicKeyInfo. */
export function subjectPublicKeyBits(spkiDer: Buffer): Buffer {
  const [, keyBits] = children(readRoot(spkiDer));
  return content(expectTag(keyBits, TAG_BIT_STRING, 'a subjectPublicKey BIT STRING')).subarray(1);
}

/** RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(publicKey: KeyObject | Buffer): Buffer {
  const spki = Buffer.isBuffer(publicKey) ? publicKey : publicKey.export({ format: 'der', type: 'spki' });
  return createHash('sha1').update(subjectPublicKeyBits(spki)).digest();
}

/** SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING) */
export function subjectKeyIdentifier(keyId: Buffer): Buffer {
  return extension(OID.subjectKeyIdentifier, octetString(keyId));
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING } */
export function authorityKeyIdentifier(keyId: Buffer): Buffer {
  return extension(OID.authorityKeyIdentifier, sequence(implicitPrimitive(0, keyId)));
}

/** SubjectAltName: critical only when the subject is empty, which we never issue. */
export function subjectAltName(sans: readonly SubjectAltName[]): Buffer {
  return extension(OID.subjectAltName, encodeGeneralNames(sans));
}

/** CRLNumber ::= INTEGER (0..MAX) */
export function crlNumber(value: bigint): Buffer {
  return extension(OID.crlNumber, bigInteger(value));
}

/** CRLReason ::= ENUMERATED, as one CRL entry extension. */
export function crlReason(reason: RevocationReason): Buffer {
  return extension(OID.crlReason, enumerated(REVOCATION_REASONS[reason]));
}
