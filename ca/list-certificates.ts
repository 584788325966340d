// Use-cases `list`, `show` and `export`: certificates with their status at a given instant.
import { InputError } from '../errors.js';
import type { CertificateFilter, CertificateRecord, CertificateStatus, CertStore } from './store/cert-store.js';

export interface CertificateView extends CertificateRecord {
  status: CertificateStatus;
}

export interface ListCertificatesInput {
  store: CertStore;
  now: Date;
  status?: CertificateStatus;
  /** Only certificates whose notAfter is within this many seconds of `now`. */
  expiringWithinSeconds?: number;
  /** `--subject-like`: text found anywhere in the subject; with `*` (any run) the whole subject must match. */
  subjectText?: string;
}

export function statusAt(record: CertificateRecord, now: Date): CertificateStatus {
  if (record.revokedAt) return 'revoked';
  return record.notAfter < now ? 'expired' : 'valid';
}

/** The store filter for a `--subject-like` text. */
export function subjectFilter(text: string): Pick<CertificateFilter, 'subjectContains' | 'subjectGlob'> {
  return text.includes('*') ? { subjectGlob: text } : { subjectContains: text };
}

export async function listCertificates(input: ListCertificatesInput): Promise<CertificateView[]> {
  const { now } = input;
  const filter: CertificateFilter = {
    now,
    ...(input.status ? { status: input.status } : {}),
    ...(input.expiringWithinSeconds === undefined ? {} : { notAfterBefore: new Date(now.getTime() + input.expiringWithinSeconds * 1000) }),
    ...(input.subjectText === undefined ? {} : subjectFilter(input.subjectText)),
  };
  return (await input.store.listCertificates(filter)).map((record) => ({ ...record, status: statusAt(record, now) }));
}

export async function findCertificate(store: CertStore, serialHex: string, now: Date): Promise<CertificateView> {
  const record = await store.findCertificate(serialHex);
  if (!record) throw new InputError('CERT_NOT_FOUND', `no certificate ${serialHex} in this CA. Check the serial with "iamra list".`);
  return { ...record, status: statusAt(record, now) };
}
