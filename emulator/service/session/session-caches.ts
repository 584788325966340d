// Caches that keep CreateSession at one signature verification per request: parsed certificates
// by header value, parsed trust-anchor bundles and CRLs by record version, and issuer checks.
import { parseCrl, type ParsedCrl } from '../../x509/crl.js';
import { parseCertificate, type ParsedCertificate } from '../../x509/parsed-certificate.js';
import { isCrlSignedBy } from '../../x509/verify-crl-signature.js';
import type { CrlRecord, TrustAnchorRecord } from '../../state/state-store.js';
import { parseAnchorCertificates } from '../anchor-certificates.js';

const MAX_ENTRIES = 2048;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

export class SessionCaches {
  private readonly certificates = new Map<string, ParsedCertificate>();
  private readonly anchors = new Map<string, { updatedAt: string; certificates: ParsedCertificate[] }>();
  private readonly crls = new Map<string, { updatedAt: string; crl: ParsedCrl }>();
  private readonly issuances = new Map<string, boolean>();

  /** A certificate from its base64 DER (as sent in X-Amz-X509 and X-Amz-X509-Chain). */
  certificate(base64: string): ParsedCertificate {
    const cached = this.certificates.get(base64);
    if (cached) return cached;
    return remember(this.certificates, base64, parseCertificate(Buffer.from(base64, 'base64')));
  }

  anchorCertificates(anchor: Readonly<TrustAnchorRecord>): ParsedCertificate[] {
    const cached = this.anchors.get(anchor.trustAnchorId);
    if (cached?.updatedAt === anchor.updatedAt) return cached.certificates;
    const certificates = parseAnchorCertificates(anchor.source.sourceData?.x509CertificateData ?? '');
    return remember(this.anchors, anchor.trustAnchorId, { updatedAt: anchor.updatedAt, certificates }).certificates;
  }

  crl(record: Readonly<CrlRecord>): ParsedCrl {
    const cached = this.crls.get(record.crlId);
    if (cached?.updatedAt === record.updatedAt) return cached.crl;
    const crl = parseCrl(Buffer.from(record.crlDataBase64, 'base64'));
    return remember(this.crls, record.crlId, { updatedAt: record.updatedAt, crl }).crl;
  }

  /** Whether `issuer` signed `child` (name chaining and signature). */
  isIssuedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
    if (!child.fields.issuerDer.equals(issuer.fields.subjectDer)) return false;
    const key = `${child.id}>${issuer.id}`;
    const cached = this.issuances.get(key);
    if (cached !== undefined) return cached;
    let verified: boolean;
    try {
      verified = child.x509.verify(issuer.publicKey);
    } catch {
      verified = false;
    }
    return remember(this.issuances, key, verified);
  }

  isCrlSignedBy(record: Readonly<CrlRecord>, crl: ParsedCrl, issuer: ParsedCertificate): boolean {
    const key = `crl:${record.crlId}@${record.updatedAt}>${issuer.id}`;
    const cached = this.issuances.get(key);
    if (cached !== undefined) return cached;
    return remember(this.issuances, key, isCrlSignedBy(crl, issuer));
  }
}
