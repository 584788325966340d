// Per-server CreateSession state: the optional throttle, and caches that keep a session at one
// signature verification (certificates, anchors, CRLs, trust policies, issuer checks).
import { parseCrl, type ParsedCrl } from '../../../x509/crl.js';
import { parseCertificate, type ParsedCertificate } from '../../../x509/parsed-certificate.js';
import { isCrlSignedBy } from '../../../x509/verify-crl-signature.js';
import type { KeyAcceptanceOptions } from '../../../keys/key-acceptance.js';
import type { MlDsaEngine } from '../../../x509/ml-dsa-engine.js';
import { SessionThrottle } from './session-throttle.js';
import { verifyX509Signature } from '../../../x509/verify-x509-signature.js';
import { parsePolicyDocument, type PolicyDocument } from '../../../trust/policy/policy-document.js';
import type { CrlRecord, RoleRecord, TrustAnchorRecord } from '../../state/state-store.js';
import { parseAnchorCertificates } from '../anchor-certificates.js';

const MAX_ENTRIES = 2048;

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
}

export class SessionCaches {
  /** Per certificate and IP; undefined when throttling is off (the default). */
  readonly throttle: SessionThrottle | undefined;

  /** Verifies ML-DSA signatures (issue 14); without it an ML-DSA signature is an ML_DSA_NOT_LOADED bug. */
  private readonly mlDsa: MlDsaEngine | undefined;

  constructor(options: { sessionRatePerSecond?: number; mlDsa?: MlDsaEngine } = {}) {
    this.mlDsa = options.mlDsa;
    this.throttle = options.sessionRatePerSecond ? new SessionThrottle({ ratePerSecond: options.sessionRatePerSecond }) : undefined;
  }

  private readonly certificates = new Map<string, ParsedCertificate>();
  // Records are immutable and replaced on every change, so the record object is the cache key.
  private readonly anchors = new WeakMap<object, ParsedCertificate[]>();
  private readonly crls = new WeakMap<object, ParsedCrl>();
  private readonly crlIssuers = new WeakMap<ParsedCrl, Map<string, boolean>>();
  private readonly issuances = new Map<string, boolean>();
  private readonly policies = new WeakMap<object, PolicyDocument>();

  /** A role's parsed trust policy; role records are immutable, so the record object is the key. */
  trustPolicy(role: Readonly<RoleRecord>): PolicyDocument {
    const cached = this.policies.get(role);
    if (cached) return cached;
    const parsed = parsePolicyDocument(role.trustPolicy);
    this.policies.set(role, parsed);
    return parsed;
  }

  /** A certificate from its base64 DER (as sent in X-Amz-X509 and X-Amz-X509-Chain). */
  certificate(base64: string): ParsedCertificate {
    const cached = this.certificates.get(base64);
    if (cached) return cached;
    return remember(this.certificates, base64, parseCertificate(Buffer.from(base64, 'base64')));
  }

  anchorCertificates(anchor: Readonly<TrustAnchorRecord>, keyAcceptance: KeyAcceptanceOptions): ParsedCertificate[] {
    let certificates = this.anchors.get(anchor);
    if (!certificates) {
      certificates = parseAnchorCertificates(anchor.source.sourceData?.x509CertificateData ?? '', keyAcceptance);
      this.anchors.set(anchor, certificates);
    }
    return certificates;
  }

  crl(record: Readonly<CrlRecord>): ParsedCrl {
    let crl = this.crls.get(record);
    if (!crl) {
      crl = parseCrl(Buffer.from(record.crlDataBase64, 'base64'));
      this.crls.set(record, crl);
    }
    return crl;
  }

  /** Whether `issuer` signed `child` (name chaining and signature). */
  isIssuedBy(child: ParsedCertificate, issuer: ParsedCertificate): boolean {
    if (!child.fields.issuerDer.equals(issuer.fields.subjectDer)) return false;
    const key = `${child.id}>${issuer.id}`;
    const cached = this.issuances.get(key);
    if (cached !== undefined) return cached;
    const verified = verifyX509Signature(child.signed, { subjectPublicKeyInfo: issuer.fields.subjectPublicKeyInfo, publicKey: issuer.publicKey }, this.mlDsa);
    return remember(this.issuances, key, verified);
  }

  isCrlSignedBy(crl: ParsedCrl, issuer: ParsedCertificate): boolean {
    let byIssuer = this.crlIssuers.get(crl);
    if (!byIssuer) {
      byIssuer = new Map();
      this.crlIssuers.set(crl, byIssuer);
    }
    let verified = byIssuer.get(issuer.id);
    if (verified === undefined) {
      verified = isCrlSignedBy(crl, issuer, this.mlDsa);
      byIssuer.set(issuer.id, verified);
    }
    return verified;
  }
}
