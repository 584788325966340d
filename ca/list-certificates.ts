// Use-cases `list`, `show` and `export`: certificates with their status at a given instant.
import { InputError } from '../errors.js';
import type { CertificateFilter, CertificateRecord, CertificateStatus, CertStore } from './store/cert-store.js';

export interface CertificateView extends CertificateRecord {
  status: CertificateStatus;
}

export function statusAt(record: CertificateRecord, now: Date): CertificateStatus {
  if (record.revokedAt) return 'revoked';
  return record.notAfter < now ? 'expired' : 'valid';
}

export function listCertificates(store: CertStore, filter: CertificateFilter): CertificateView[] {
  return store.listCertificates(filter).map((record) => ({ ...record, status: statusAt(record, filter.now) }));
}

export function findCertificate(store: CertStore, serialHex: string, now: Date): CertificateView {
  const record = store.findCertificate(serialHex);
  if (!record) throw new InputError('CERT_NOT_FOUND', `no certificate ${serialHex} in this CA. Check the serial with "iamra list".`);
  return { ...record, status: statusAt(record, now) };
}
