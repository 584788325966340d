// Certificates from public CAs cannot be trust anchors (roles-anywhere.md §9): the emulator takes
// Node's bundled root store (`tls.rootCertificates`) as the list of public CAs, matching a
// certificate by its bytes or by its public key (a re-issued or cross-signed public root). The
// store's fingerprints are computed once per emulator, on first use. The key is read from the DER,
// so ML-DSA certificates (no KeyObject on Node 20) are matched too.
import { createHash, X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { certificateSpki } from '../../x509/certificate-spki.js';
import { decodePemBlocks } from '../../x509/pem.js';
import { readX509Certificate } from '../../x509/read-x509-certificate.js';

function fingerprints(certificate: X509Certificate): { der: string; key: string } {
  const hash = (data: Buffer) => createHash('sha256').update(data).digest('hex');
  return { der: hash(certificate.raw), key: hash(certificateSpki(certificate)) };
}

export class PublicRootStore {
  private index: ReadonlySet<string> | undefined;

  /** The subject of the first certificate of the PEM bundle that is a public root, if any. */
  find(pem: string): string | undefined {
    for (const block of decodePemBlocks(pem).filter((b) => b.label === 'CERTIFICATE')) {
      let certificate: X509Certificate;
      try {
        certificate = readX509Certificate(block.der);
      } catch {
        continue; // not a certificate: the bundle checks report it
      }
      const { der, key } = fingerprints(certificate);
      const index = this.fingerprintIndex();
      if (index.has(der) || index.has(key)) return certificate.subject.replace(/\n/g, ', ');
    }
    return undefined;
  }

  private fingerprintIndex(): ReadonlySet<string> {
    this.index ??= new Set(rootCertificates.flatMap((pem) => Object.values(fingerprints(new X509Certificate(pem)))));
    return this.index;
  }
}
