// The revokedCertificates list of a CRL (RFC 5280 §5.1.2.6), written in one pass into one buffer:
// CRLs reach hundreds of thousands of entries, and per-entry buffers dominated the run time.
import { REVOCATION_REASONS, type CrlEntry } from '../../x509/crl-entry.js';

/** crlEntryExtensions with one CRLReason: 30 0c 30 0a 06 03 55 1d 15 04 03 0a 01 <reason>. */
const REASON_PREFIX = Buffer.from('300c300a0603551d1504030a01', 'hex');
const REASON_LENGTH = REASON_PREFIX.length + 1;

function serialContentLength(hex: string): number {
  // Non-null: a serial's hex is never empty.
  return hex.length / 2 + (parseInt(hex[0]!, 16) >= 8 ? 1 : 0);
}

function isUtcTime(date: Date): boolean {
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050;
}

function writeTwoDigits(target: Buffer, offset: number, value: number): number {
  target[offset] = 0x30 + Math.floor(value / 10);
  target[offset + 1] = 0x30 + (value % 10);
  return offset + 2;
}

/** UTCTime YYMMDDHHMMSSZ through 2049, GeneralizedTime YYYYMMDDHHMMSSZ after (RFC 5280 §5.1.2.4). */
function writeTime(target: Buffer, start: number, date: Date): number {
  const year = date.getUTCFullYear();
  const isUtc = isUtcTime(date);
  let offset = start;
  target[offset++] = isUtc ? 0x17 : 0x18;
  target[offset++] = isUtc ? 13 : 15;
  if (!isUtc) offset = writeTwoDigits(target, offset, Math.floor(year / 100));
  offset = writeTwoDigits(target, offset, year % 100);
  offset = writeTwoDigits(target, offset, date.getUTCMonth() + 1);
  offset = writeTwoDigits(target, offset, date.getUTCDate());
  offset = writeTwoDigits(target, offset, date.getUTCHours());
  offset = writeTwoDigits(target, offset, date.getUTCMinutes());
  offset = writeTwoDigits(target, offset, date.getUTCSeconds());
  target[offset++] = 0x5a;
  return offset;
}

/**
 * The concatenated DER of every `SEQUENCE { userCertificate, revocationDate, crlEntryExtensions }`.
 * The reason extension is left out for `unspecified` (RFC 5280 §5.3.1 SHOULD), so no entry ever
 * carries an empty extension list. Every entry is shorter than 128 bytes (short-form lengths).
 */
export function encodeCrlEntries(entries: readonly CrlEntry[]): Buffer {
  let total = 0;
  for (const entry of entries) {
    const content = 2 + serialContentLength(entry.serialHex) + (isUtcTime(entry.revokedAt) ? 15 : 17) + (entry.reason === 'unspecified' ? 0 : REASON_LENGTH);
    total += 2 + content;
  }
  const out = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const entry of entries) {
    const start = offset;
    offset += 2;
    const serialLength = serialContentLength(entry.serialHex);
    out[offset++] = 0x02;
    out[offset++] = serialLength;
    if (serialLength > entry.serialHex.length / 2) out[offset++] = 0;
    offset += out.write(entry.serialHex, offset, 'hex');
    offset = writeTime(out, offset, entry.revokedAt);
    if (entry.reason !== 'unspecified') {
      offset += REASON_PREFIX.copy(out, offset);
      out[offset++] = REVOCATION_REASONS[entry.reason];
    }
    out[start] = 0x30;
    out[start + 1] = offset - start - 2;
  }
  return out;
}
