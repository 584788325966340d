// Reads the revokedCertificates of a CRL (RFC 5280 §5.1.2.6, reason codes §5.3.1) back into the
// store's RevokedEntry shape, to tell whether a CRL already lists exactly the CA's revoked set.
import type { RevokedEntry } from '../store/cert-store.js';
import { decodeTime } from './certificate-parser.js';
import { children, content, decodeOid, DerError, readRoot, type DerNode } from './der-reader.js';
import { REVOCATION_REASONS, type RevocationReason } from './extensions.js';
import { OID } from './oids.js';

const REASON_BY_CODE = new Map<number, RevocationReason>(Object.entries(REVOCATION_REASONS).map(([name, code]) => [code, name as RevocationReason]));

function serialHex(node: DerNode): string {
  if (node.tag !== 0x02) throw new DerError('expected a serial INTEGER');
  const bytes = content(node);
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start).toString('hex');
}

function reasonOf(extensions: DerNode | undefined): RevocationReason {
  if (!extensions) return 'unspecified';
  for (const extension of children(extensions)) {
    const parts = children(extension);
    if (decodeOid(parts[0]!) !== OID.crlReason) continue;
    const code = content(readRoot(content(parts[parts.length - 1]!)))[0];
    const reason = code === undefined ? undefined : REASON_BY_CODE.get(code);
    if (!reason) throw new DerError(`unknown reason code ${code}`);
    return reason;
  }
  return 'unspecified';
}

/** The entries of a DER CertificateList; throws DerError when it is malformed. */
export function readCrlEntries(der: Buffer): RevokedEntry[] {
  const [tbs] = children(readRoot(der));
  if (!tbs) throw new DerError('not a CertificateList');
  const parts = children(tbs);
  let i = parts[0]?.tag === 0x02 ? 4 : 3;
  if (parts[i]?.tag === 0x17 || parts[i]?.tag === 0x18) i++;
  if (parts[i]?.tag !== 0x30) return [];
  return children(parts[i]!).map((entry) => {
    const [serial, date, extensions] = children(entry);
    if (!serial || !date) throw new DerError('bad CRL entry');
    return { serialHex: serialHex(serial), revokedAt: decodeTime(date), reason: reasonOf(extensions) };
  });
}
