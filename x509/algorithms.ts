// The one algorithm table (RFC 4055 §5, RFC 5758 §3.2, RFC 8410 §3, RFC 8017 Appendix A.2.4,
// FIPS 180-4 OIDs from RFC 5754, RFC 9881 §2 for ML-DSA): each signature and digest algorithm we read or write, by OID,
// with OpenSSL's name, its digest, its key type and whether Roles Anywhere counts it as strong
// (roles-anywhere.md §2: SHA-256 or stronger). Node builtins only: the helper loads it.

/** Node's `asymmetricKeyType` of an ML-DSA key (Node 24; Node 20 has none, see x509/ml-dsa-engine.ts). */
export type MlDsaKeyType = 'ml-dsa-44' | 'ml-dsa-65' | 'ml-dsa-87';

export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export interface DigestAlgorithm {
  oid: string;
  /** OpenSSL's and Node's name. */
  name: DigestName;
  /** Output length in bytes. */
  bytes: number;
}

export interface SignatureAlgorithmInfo {
  oid: string;
  /** OpenSSL's long name, as `openssl asn1parse` prints it. */
  name: string;
  /** Node's `asymmetricKeyType` of the signing key. */
  keyType: 'rsa' | 'rsa-pss' | 'ec' | 'ed25519' | MlDsaKeyType;
  /**
   * The digest Node's `crypto.verify` takes: a name, `none` (Ed25519 and pure ML-DSA sign the
   * message itself) or `in-parameters` (RSASSA-PSS names it in the AlgorithmIdentifier, which we
   * do not verify).
   */
  digest: DigestName | 'none' | 'in-parameters';
  /** SHA-256 or stronger (for PSS: OpenSSL refuses weak parameters when it verifies). */
  isStrong: boolean;
  /** AlgorithmIdentifier parameters: an explicit NULL for PKCS#1 v1.5 (RFC 4055 §5), absent for ECDSA (RFC 5758 §3.2), Ed25519 and ML-DSA (RFC 9881 §2). */
  parameters: 'null' | 'absent' | 'pss';
}

export const DIGEST_ALGORITHMS: readonly DigestAlgorithm[] = [
  { oid: '1.3.14.3.2.26', name: 'sha1', bytes: 20 },
  { oid: '2.16.840.1.101.3.4.2.4', name: 'sha224', bytes: 28 },
  { oid: '2.16.840.1.101.3.4.2.1', name: 'sha256', bytes: 32 },
  { oid: '2.16.840.1.101.3.4.2.2', name: 'sha384', bytes: 48 },
  { oid: '2.16.840.1.101.3.4.2.3', name: 'sha512', bytes: 64 },
];

export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithmInfo[] = [
  { oid: '1.2.840.113549.1.1.5', name: 'sha1WithRSAEncryption', keyType: 'rsa', digest: 'sha1', isStrong: false, parameters: 'null' },
  { oid: '1.2.840.113549.1.1.11', name: 'sha256WithRSAEncryption', keyType: 'rsa', digest: 'sha256', isStrong: true, parameters: 'null' },
  { oid: '1.2.840.113549.1.1.12', name: 'sha384WithRSAEncryption', keyType: 'rsa', digest: 'sha384', isStrong: true, parameters: 'null' },
  { oid: '1.2.840.113549.1.1.13', name: 'sha512WithRSAEncryption', keyType: 'rsa', digest: 'sha512', isStrong: true, parameters: 'null' },
  { oid: '1.2.840.113549.1.1.10', name: 'rsassaPss', keyType: 'rsa-pss', digest: 'in-parameters', isStrong: true, parameters: 'pss' },
  { oid: '1.2.840.10045.4.1', name: 'ecdsa-with-SHA1', keyType: 'ec', digest: 'sha1', isStrong: false, parameters: 'absent' },
  { oid: '1.2.840.10045.4.3.2', name: 'ecdsa-with-SHA256', keyType: 'ec', digest: 'sha256', isStrong: true, parameters: 'absent' },
  { oid: '1.2.840.10045.4.3.3', name: 'ecdsa-with-SHA384', keyType: 'ec', digest: 'sha384', isStrong: true, parameters: 'absent' },
  { oid: '1.2.840.10045.4.3.4', name: 'ecdsa-with-SHA512', keyType: 'ec', digest: 'sha512', isStrong: true, parameters: 'absent' },
  { oid: '1.3.101.112', name: 'ED25519', keyType: 'ed25519', digest: 'none', isStrong: true, parameters: 'absent' },
  // Pure ML-DSA (FIPS 204, empty context); the signature OID is also the key's SPKI algorithm OID.
  { oid: '2.16.840.1.101.3.4.3.17', name: 'ML-DSA-44', keyType: 'ml-dsa-44', digest: 'none', isStrong: true, parameters: 'absent' },
  { oid: '2.16.840.1.101.3.4.3.18', name: 'ML-DSA-65', keyType: 'ml-dsa-65', digest: 'none', isStrong: true, parameters: 'absent' },
  { oid: '2.16.840.1.101.3.4.3.19', name: 'ML-DSA-87', keyType: 'ml-dsa-87', digest: 'none', isStrong: true, parameters: 'absent' },
];

const SIGNATURE_BY_OID: ReadonlyMap<string, SignatureAlgorithmInfo> = new Map(SIGNATURE_ALGORITHMS.map((a) => [a.oid, a]));
const DIGEST_BY_OID: ReadonlyMap<string, DigestAlgorithm> = new Map(DIGEST_ALGORITHMS.map((a) => [a.oid, a]));

export function signatureAlgorithmByOid(oid: string): SignatureAlgorithmInfo | undefined {
  return SIGNATURE_BY_OID.get(oid);
}

export function digestAlgorithmByOid(oid: string): DigestAlgorithm | undefined {
  return DIGEST_BY_OID.get(oid);
}

export function digestAlgorithmByName(name: DigestName): DigestAlgorithm {
  // Non-null: DIGEST_ALGORITHMS has a row for every DigestName.
  return DIGEST_ALGORITHMS.find((a) => a.name === name)!;
}

/** The signature algorithm with this key type and digest (e.g. ECDSA with SHA-384). */
export function findSignatureAlgorithm(keyType: SignatureAlgorithmInfo['keyType'], digest: DigestName): SignatureAlgorithmInfo | undefined {
  return SIGNATURE_ALGORITHMS.find((a) => a.keyType === keyType && a.digest === digest);
}

/** Whether a signature algorithm uses SHA-256 or stronger (trust anchors, intermediates, leaves). */
export function isStrongSignatureAlgorithm(oid: string): boolean {
  return SIGNATURE_BY_OID.get(oid)?.isStrong ?? false;
}

/**
 * The digest argument `crypto.verify` needs for a signature algorithm: a name, null for Ed25519
 * and ML-DSA, or undefined for an algorithm we cannot verify (unknown, or RSASSA-PSS).
 */
export function verificationDigest(oid: string): DigestName | null | undefined {
  const digest = SIGNATURE_BY_OID.get(oid)?.digest;
  if (digest === 'none') return null;
  return digest === 'in-parameters' ? undefined : digest;
}

/** The ML-DSA signature algorithm of a key type (its OID names the parameter set). */
export function mlDsaSignatureAlgorithm(keyType: MlDsaKeyType): SignatureAlgorithmInfo {
  // Non-null: SIGNATURE_ALGORITHMS has a row for every MlDsaKeyType.
  return SIGNATURE_ALGORITHMS.find((a) => a.keyType === keyType)!;
}
