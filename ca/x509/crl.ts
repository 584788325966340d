// X.509 v2 CRL encoder (RFC 5280 §5.1): TBSCertList with AKI and CRL number, one entry per revocation.
import { explicit, sequence, smallInteger, tlv, TAG } from '../../x509/der-writer.js';
import type { CrlEntry } from '../../x509/crl-entry.js';
import { encodeCrlEntries } from './crl-entries.js';
import { authorityKeyIdentifier, crlNumber } from './extensions.js';
import { encodeTime } from './time.js';

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
 * TBSCertList ::= SEQUENCE { version INTEGER (v2 = 1), signature, issuer, thisUpdate, nextUpdate,
 *   revokedCertificates (absent when empty), crlExtensions [0] EXPLICIT Extensions }
 */
export function encodeTbsCrl(input: TbsCrlInput): Buffer {
  const revoked = input.entries.length === 0 ? [] : [tlv(TAG.SEQUENCE, encodeCrlEntries(input.entries))];
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
