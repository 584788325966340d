// Reads the CertificateList fields a publisher checks (RFC 5280 §5.1): issuer, dates, CRL number
// (§5.2.3), entry count and the signed part with its signature.
import { children, content, decodeOid, encoded, readRoot, DerError, type DerNode } from './der-reader.js';
import { decodeTime } from './certificate-parser.js';
import { OID } from './oids.js';

export interface ParsedCrl {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate?: Date;
  /** Absent when the CRL has no cRLNumber extension. */
  crlNumber?: bigint;
  entryCount: number;
  tbsDer: Buffer;
  signatureAlgorithmOid: string;
  signature: Buffer;
}

const TAG_INTEGER = 0x02;
const TAG_SEQUENCE = 0x30;
const TAG_UTC_TIME = 0x17;
const TAG_GENERALIZED_TIME = 0x18;
const TAG_EXTENSIONS = 0xa0;

const isTime = (node: DerNode | undefined): node is DerNode => node?.tag === TAG_UTC_TIME || node?.tag === TAG_GENERALIZED_TIME;

function readCrlNumber(extensions: DerNode): bigint | undefined {
  for (const extension of children(children(extensions)[0]!)) {
    const parts = children(extension);
    if (decodeOid(parts[0]!) !== OID.crlNumber) continue;
    const value = readRoot(content(parts[parts.length - 1]!));
    if (value.tag !== TAG_INTEGER) throw new DerError('cRLNumber is not an INTEGER');
    const bytes = content(value);
    return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
  }
  return undefined;
}

/** Throws DerError (or Error on a bad time) when `der` is not a CertificateList. */
export function parseCrl(der: Buffer): ParsedCrl {
  const [tbs, algorithm, signatureValue] = children(readRoot(der));
  if (!tbs || !algorithm || signatureValue?.tag !== 0x03) throw new DerError('not a CertificateList');
  const parts = children(tbs);
  let i = parts[0]?.tag === TAG_INTEGER ? 1 : 0;
  const issuer = parts[i + 1];
  const thisUpdate = parts[i + 2];
  if (issuer?.tag !== TAG_SEQUENCE || !isTime(thisUpdate)) throw new DerError('not a TBSCertList');
  i += 3;
  const nextUpdate = isTime(parts[i]) ? decodeTime(parts[i++]!) : undefined;
  const entryCount = parts[i]?.tag === TAG_SEQUENCE ? children(parts[i++]!).length : 0;
  const extensions = parts[i]?.tag === TAG_EXTENSIONS ? parts[i] : undefined;
  const signatureBits = content(signatureValue);
  return {
    issuerDer: Buffer.from(encoded(issuer)),
    thisUpdate: decodeTime(thisUpdate),
    ...(nextUpdate ? { nextUpdate } : {}),
    ...(extensions ? { crlNumber: readCrlNumber(extensions) } : {}),
    entryCount,
    tbsDer: Buffer.from(encoded(tbs)),
    signatureAlgorithmOid: decodeOid(children(algorithm)[0]!),
    signature: Buffer.from(signatureBits.subarray(1)),
  };
}
