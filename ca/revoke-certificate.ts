// Use-case `revoke`: marks a certificate revoked with a reason (RFC 5280 §5.3.1), once.
import { InputError, RefusedError } from '../errors.js';
import type { CertStore } from './store/cert-store.js';
import type { RevocationReason } from '../x509/crl-entry.js';

export interface RevokeCertificateInput {
  store: CertStore;
  serialHex: string;
  /** When revoking by certificate file: it must be the very certificate this CA issued. */
  certificateDer?: Buffer;
  reason: RevocationReason;
  now: Date;
  actor: string;
}

export interface RevokedCertificate {
  serialHex: string;
  subject: string;
  revokedAt: Date;
}

export async function revokeCertificate(input: RevokeCertificateInput): Promise<RevokedCertificate> {
  const record = await input.store.findCertificate(input.serialHex);
  if (!record) throw new InputError('CERT_NOT_FOUND', `cannot revoke ${input.serialHex}: no certificate with that serial in this CA. Check it with "iamra list".`);
  if (input.certificateDer && !input.certificateDer.equals(record.der)) {
    throw new InputError('CERT_NOT_FROM_THIS_CA', `cannot revoke ${input.serialHex}: the certificate file is not the one this CA issued with that serial. Check the file and --ca.`);
  }
  const result = await input.store.revokeCertificate(
    { serialHex: input.serialHex, revokedAt: input.now, reason: input.reason },
    { at: input.now, actor: input.actor, action: 'certificate.revoke', serialHex: input.serialHex, detail: { reason: input.reason, subject: record.subject } },
  );
  if (result.outcome === 'not-found') throw new InputError('CERT_NOT_FOUND', `cannot revoke ${input.serialHex}: no certificate with that serial in this CA. Check it with "iamra list".`);
  if (result.outcome === 'already-revoked') {
    throw new RefusedError('CERT_ALREADY_REVOKED', `cannot revoke ${input.serialHex}: it was already revoked at ${result.record.revokedAt?.toISOString()} (${result.record.revocationReason}). Nothing to do.`);
  }
  return { serialHex: input.serialHex, subject: record.subject, revokedAt: input.now };
}
