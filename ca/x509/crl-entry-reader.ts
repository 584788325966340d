// Reads the revokedCertificates of a CRL (RFC 5280 §5.1.2.6, reason codes §5.3.1) back into the
// store's RevokedEntry shape, to tell whether a CRL already lists exactly the CA's revoked set.
import { readRevokedCertificates } from '../../x509/crl.js';
import { DerError } from '../../x509/der-reader.js';
import type { RevokedEntry } from '../store/cert-store.js';
import { REVOCATION_REASONS, type RevocationReason } from './extensions.js';
import { wholeBytesHex } from './serial-number.js';

const REASON_BY_CODE = new Map<number, RevocationReason>(Object.entries(REVOCATION_REASONS).map(([name, code]) => [code, name as RevocationReason]));

function reasonOf(code: number | undefined): RevocationReason {
  if (code === undefined) return 'unspecified';
  const reason = REASON_BY_CODE.get(code);
  if (!reason) throw new DerError(`unknown reason code ${code}`);
  return reason;
}

/** The entries of a DER CertificateList; throws DerError when it is malformed. */
export function readCrlEntries(der: Buffer): RevokedEntry[] {
  return readRevokedCertificates(der).map((entry) => ({
    serialHex: wholeBytesHex(entry.serialHex),
    revokedAt: entry.revocationDate,
    reason: reasonOf(entry.reasonCode),
  }));
}
