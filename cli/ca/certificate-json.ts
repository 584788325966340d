// The one JSON shape of a certificate (docs/ca.md, "JSON shapes"): issue, renew, revoke, list,
// show and export print it, alone or with the fields of their own result.
import type { CertificateView } from '../../ca/certificate-view.js';

export interface CertificateJson {
  serial: string;
  subject: string;
  sans: string[];
  status: string;
  notBefore: string;
  notAfter: string;
  issuedAt: string;
  keyType: string;
  template: string | null;
  renewedFrom: string | null;
  renewedBy: string[];
  revokedAt: string | null;
  revocationReason: string | null;
}

export function certificateJson(c: CertificateView): CertificateJson {
  return {
    serial: c.serialHex, subject: c.subject, sans: c.sans, status: c.status, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
    issuedAt: c.issuedAt.toISOString(), keyType: c.keyType, template: c.template ?? null, renewedFrom: c.renewedFrom ?? null, renewedBy: c.renewedBy,
    revokedAt: c.revokedAt?.toISOString() ?? null, revocationReason: c.revocationReason ?? null,
  };
}

/** Pretty JSON with a final newline, as every command prints it. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
