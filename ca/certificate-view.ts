// What the CA says about one stored certificate at an instant: its record, its status, the SANs
// read from its DER, and the renewal links both ways (`iamra renew`). list, show, issue and renew
// render this one object (docs/ca.md, "JSON shapes").
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { formatName } from '../x509/distinguished-name.js';
import type { GeneralName } from '../x509/general-names.js';
import type { CertificateRecord, CertificateStatus, CertStore } from './store/cert-store.js';

export interface CertificateView extends CertificateRecord {
  status: CertificateStatus;
  /** `dns:web.example.com`, `uri:...`, `email:...`, `ip:...`, `dirname:CN=...`, in certificate order. */
  sans: string[];
  /** Serials of the certificates that renewed this one, oldest first. */
  renewedBy: string[];
}

export function statusAt(record: CertificateRecord, now: Date): CertificateStatus {
  if (record.revokedAt) return 'revoked';
  return record.notAfter < now ? 'expired' : 'valid';
}

/** A SAN in the `type:value` form `issue --san` takes. */
export function formatGeneralName(name: GeneralName): string {
  if (name.type === 'directoryName') return `dirname:${formatName(name.attributes, ', ')}`;
  if (name.type === 'other') return `other:0x${name.tag.toString(16)}`;
  return `${name.type}:${name.value}`;
}

/** The SANs of a stored certificate (the CA wrote it, so it parses). */
export function sansOf(der: Buffer): string[] {
  return parseCertificateFields(der).subjectAltNames.map(formatGeneralName);
}

/** The view of a record; `renewedBy` is looked up unless given. */
export async function viewCertificate(store: CertStore, record: CertificateRecord, now: Date, renewedBy?: string[]): Promise<CertificateView> {
  const renewals = renewedBy ?? (await store.renewalsOf(record.serialHex)).map((r) => r.serialHex);
  return { ...record, status: statusAt(record, now), sans: sansOf(record.der), renewedBy: renewals };
}
