// Certificates from public CAs cannot be trust anchors (roles-anywhere.md §9): the emulator takes
// Node's bundled root store (`tls.rootCertificates`) as the list of public CAs, matching a
// certificate by its bytes or by its public key (a re-issued or cross-signed public root).
import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { decodePemBlocks } from '../../x509/pem.js';

function fingerprints(certificate: X509Certificate): { der: string; key: string } {
  const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  return { der: hash(certificate.raw), key: hash(certificate.publicKey.export({ type: 'spki', format: 'der' })) };
}

/** The subject of the first certificate of the PEM bundle that is a public root, if any. */
export function findPublicCaCertificate(pem: string): string | undefined {
  const candidates: Array<{ subject: string; der: string; key: string }> = [];
  for (const block of decodePemBlocks(pem).filter((b) => b.label === 'CERTIFICATE')) {
    try {
      const certificate = new X509Certificate(block.der);
      candidates.push({ subject: certificate.subject.replace(/\n/g, ', '), ...fingerprints(certificate) });
    } catch {
      // not a certificate: the bundle checks report it
    }
  }
  if (candidates.length === 0) return undefined;
  for (const rootPem of rootCertificates) {
    const root = fingerprints(new X509Certificate(rootPem));
    const match = candidates.find((c) => c.der === root.der || c.key === root.key);
    if (match) return match.subject;
  }
  return undefined;
}
