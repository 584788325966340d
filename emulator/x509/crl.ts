// CertificateList (RFC 5280 §5.1) read with the small DER reader: the issuer, dates, revoked
// serials and what is needed to verify its signature. 10k entries parse in a few milliseconds.
import {
  bytesOf,
  children,
  DerError,
  expectTlv,
  readBitString,
  readIntegerHex,
  readOid,
  readTime,
  readTlv,
  TAG_GENERALIZED_TIME,
  TAG_INTEGER,
  TAG_SEQUENCE,
  TAG_UTC_TIME,
} from '../../trust/x509/der-reader.js';
import { pemBlocks } from './pem.js';

export interface ParsedCrl {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** Lower-case hex serials without leading zeros. */
  revokedSerials: ReadonlySet<string>;
  tbsDer: Buffer;
  signatureAlgorithmOid: string;
  signature: Buffer;
}

/** The DER of a CRL file given as PEM (`X509 CRL`, or the non-standard `CRL`) or as DER. */
export function crlDer(data: Uint8Array): Buffer {
  const buffer = Buffer.from(data);
  if (buffer[0] === 0x30) return buffer;
  const block = pemBlocks(buffer.toString('latin1')).find((b) => b.label === 'X509 CRL' || b.label === 'CRL');
  if (!block) throw new DerError('neither a PEM "X509 CRL" block nor DER');
  return block.der;
}

export function parseCrl(data: Uint8Array): ParsedCrl {
  const der = crlDer(data);
  const list = expectTlv(der, 0, TAG_SEQUENCE);
  if (list.end !== der.length) throw new DerError('trailing data after CRL');
  const [tbs, algorithm, signatureValue] = children(der, list);
  if (!tbs || !algorithm || !signatureValue) throw new DerError('bad CertificateList');
  const parts = children(der, tbs);
  let i = parts[0]?.tag === TAG_INTEGER ? 1 : 0;
  const issuer = parts[i + 1];
  const thisUpdate = parts[i + 2];
  if (!issuer || !thisUpdate) throw new DerError('bad TBSCertList');
  i += 3;
  let nextUpdate: Date | undefined;
  if (parts[i] && (parts[i]!.tag === TAG_UTC_TIME || parts[i]!.tag === TAG_GENERALIZED_TIME)) nextUpdate = readTime(der, parts[i++]!);
  const revokedSerials = new Set<string>();
  if (parts[i]?.tag === TAG_SEQUENCE) {
    for (const entry of children(der, parts[i]!)) {
      revokedSerials.add(readIntegerHex(der, readTlv(der, entry.contentStart, entry.end)));
    }
  }
  const { bytes, unusedBits } = readBitString(der, signatureValue);
  if (unusedBits !== 0) throw new DerError('signature has unused bits');
  return {
    issuerDer: Buffer.from(bytesOf(der, issuer)),
    thisUpdate: readTime(der, thisUpdate),
    nextUpdate,
    revokedSerials,
    tbsDer: Buffer.from(bytesOf(der, tbs)),
    signatureAlgorithmOid: readOid(der, readTlv(der, algorithm.contentStart, algorithm.end)),
    signature: Buffer.from(bytes),
  };
}
