// X.509 v2 CRL encoder (RFC 5280 §5.1): TBSCertList with AKI and CRL number, one entry per revocation.
import { explicit, sequence, smallInteger, tlv, TAG } from './der.js';
import { authorityKeyIdentifier, crlNumber, crlReason, type RevocationReason } from './extensions.js';
import { serialDer } from './serial-number.js';
import { encodeTime } from './time.js';

export interface CrlEntry {
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReason;
}

export interface TbsCrlInput {
  signatureAlgorithm: Buffer;
  issuerDer: Buffer;
  authorityKeyId: Buffer;
  thisUpdate: Date;
  nextUpdate: Date;
  crlNumber: bigint;
  entries: readonly CrlEntry[];
}

/**
 * revokedCertificates SEQUENCE OF SEQUENCE { userCertificate CertificateSerialNumber,
 *   revocationDate Time, crlEntryExtensions Extensions OPTIONAL }
 * The reason extension is left out for `unspecified` (RFC 5280 §5.3.1 SHOULD), so no entry ever
 * carries an empty extension list.
 */
function encodeEntry(entry: CrlEntry, reasonCache: Map<RevocationReason, Buffer>): Buffer {
  const serial = serialDer(entry.serialHex);
  const time = encodeTime(entry.revokedAt);
  if (entry.reason === 'unspecified') return sequence(serial, time);
  let extensions = reasonCache.get(entry.reason);
  if (!extensions) {
    extensions = sequence(crlReason(entry.reason));
    reasonCache.set(entry.reason, extensions);
  }
  return sequence(serial, time, extensions);
}

/**
 * TBSCertList ::= SEQUENCE { version INTEGER (v2 = 1), signature, issuer, thisUpdate, nextUpdate,
 *   revokedCertificates (absent when empty), crlExtensions [0] EXPLICIT Extensions }
 */
export function encodeTbsCrl(input: TbsCrlInput): Buffer {
  const reasonCache = new Map<RevocationReason, Buffer>();
  const entries = input.entries.map((entry) => encodeEntry(entry, reasonCache));
  const revoked = entries.length === 0 ? [] : [tlv(TAG.SEQUENCE, Buffer.concat(entries))];
  return sequence(
    smallInteger(1),
    input.signatureAlgorithm,
    input.issuerDer,
    encodeTime(input.thisUpdate),
    encodeTime(input.nextUpdate),
    ...revoked,
    explicit(0, sequence(authorityKeyIdentifier(input.authorityKeyId), crlNumber(input.crlNumber))),
  );
}
