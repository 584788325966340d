// The signature-strength rule for trust anchors, intermediates and end-entity certificates
// (roles-anywhere.md §2): SHA-256 or stronger.

const STRONG_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set([
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
  '1.2.840.113549.1.1.10', // RSASSA-PSS (hash in parameters; OpenSSL rejects weak ones)
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
  '1.3.101.112', // Ed25519
  // issue 14: ML-DSA-44/65/87 (RFC 9881), accepted by Roles Anywhere since 2026-02-27
  '2.16.840.1.101.3.4.3.17',
  '2.16.840.1.101.3.4.3.18',
  '2.16.840.1.101.3.4.3.19',
]);

/** Whether a signature algorithm uses SHA-256 or stronger. */
export function isStrongSignatureAlgorithm(oid: string): boolean {
  return STRONG_SIGNATURE_ALGORITHMS.has(oid);
}
