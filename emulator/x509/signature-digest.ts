// The digest Node's crypto.verify needs for an X.509 signature algorithm OID (RFC 4055, 5758, 8410).

const DIGESTS: ReadonlyMap<string, string | null> = new Map([
  ['1.2.840.113549.1.1.5', 'sha1'],
  ['1.2.840.113549.1.1.11', 'sha256'],
  ['1.2.840.113549.1.1.12', 'sha384'],
  ['1.2.840.113549.1.1.13', 'sha512'],
  ['1.2.840.10045.4.1', 'sha1'],
  ['1.2.840.10045.4.3.2', 'sha256'],
  ['1.2.840.10045.4.3.3', 'sha384'],
  ['1.2.840.10045.4.3.4', 'sha512'],
  ['1.3.101.112', null],
]);

/** The digest name (null for Ed25519), or undefined for an algorithm we cannot verify. */
export function signatureDigest(oid: string): string | null | undefined {
  return DIGESTS.get(oid);
}
