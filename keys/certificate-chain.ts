// Certificate relationships the helper needs before any network call: does a key belong to a
// certificate, and which certificates of a bundle are the path from a leaf towards its root.
import type { KeyObject, X509Certificate } from 'node:crypto';

export function publicKeysMatch(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}

function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.subject === certificate.issuer && certificate.checkIssued(certificate);
}

/**
 * The issuers of `leaf` among `candidates`, nearest first, stopping before a self-signed root
 * (the trust anchor holds it; sending it only lengthens the 5-certificate chain header).
 */
export function orderChain(leaf: X509Certificate, candidates: readonly X509Certificate[]): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let current = leaf;
  for (;;) {
    const issuer = candidates.find((c) => c !== current && !chain.includes(c) && current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer || isSelfSigned(issuer)) return chain;
    chain.push(issuer);
    current = issuer;
  }
}
