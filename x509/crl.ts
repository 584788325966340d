// CertificateList (RFC 5280 §5.1) read with the DER reader: the issuer, dates, CRL number (§5.2.3),
// revoked serials and entries (§5.1.2.6, reasons §5.3.1), and what is needed to verify the signature.
import { children, content, decodeOid, DerError, encoded, expectTag, inner, isTime, readBigInteger, readBitString, readIntegerHex, readNode, readRoot, readTime, TAG_BIT_STRING, TAG_ENUMERATED, TAG_INTEGER, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE, type DerNode } from './der-reader.js';
import { revocationReasonOf, type CrlEntry, type RevocationReason } from './crl-entry.js';
import { EXTENSION_OID } from './oids.js';
import { decodePemBlocks, isPem } from './pem.js';

export interface ParsedCrl {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | undefined;
  /** Absent when the CRL has no cRLNumber extension. */
  crlNumber?: bigint;
  /** The keyIdentifier of the authorityKeyIdentifier extension (§5.2.1), when present. */
  authorityKeyId?: Buffer;
  /** Lower-case hex serials without leading zeros. */
  revokedSerials: ReadonlySet<string>;
  /** How many revokedCertificates entries the CRL lists. */
  entryCount: number;
  tbsDer: Buffer;
  signatureAlgorithmOid: string;
  /** The whole AlgorithmIdentifier (ML-DSA's must have no parameters). */
  signatureAlgorithmDer: Buffer;
  signature: Buffer;
}

const TAG_CRL_EXTENSIONS = 0xa0;

/** The DER of a CRL file given as PEM (`X509 CRL`, or the non-standard `CRL`) or as DER. */
export function crlDer(data: Uint8Array): Buffer {
  const buffer = Buffer.from(data);
  if (buffer[0] === TAG_SEQUENCE || !isPem(buffer)) return buffer;
  const block = decodePemBlocks(buffer.toString('latin1')).find((b) => b.label === 'X509 CRL' || b.label === 'CRL');
  if (!block) throw new DerError('neither a PEM "X509 CRL" block nor DER');
  return block.der;
}

interface CrlParts {
  tbs: DerNode;
  algorithm: DerNode;
  signatureValue: DerNode;
  issuer: DerNode;
  thisUpdate: DerNode;
  nextUpdate: DerNode | undefined;
  revokedCertificates: DerNode | undefined;
  extensions: DerNode | undefined;
}

/** CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue BIT STRING } */
function crlParts(der: Buffer): CrlParts {
  const [tbs, algorithm, signatureValue] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'a CertificateList'));
  if (!tbs || !algorithm || signatureValue?.tag !== TAG_BIT_STRING) throw new DerError('not a CertificateList');
  const parts = children(expectTag(tbs, TAG_SEQUENCE, 'a TBSCertList'));
  let i = parts[0]?.tag === TAG_INTEGER ? 1 : 0;
  const issuer = parts[i + 1];
  const thisUpdate = parts[i + 2];
  if (issuer?.tag !== TAG_SEQUENCE || !isTime(thisUpdate)) throw new DerError('not a TBSCertList');
  i += 3;
  const nextUpdate = isTime(parts[i]) ? parts[i++] : undefined;
  const revokedCertificates = parts[i]?.tag === TAG_SEQUENCE ? parts[i++] : undefined;
  const extensions = parts[i]?.tag === TAG_CRL_EXTENSIONS ? parts[i] : undefined;
  return { tbs, algorithm, signatureValue, issuer, thisUpdate, nextUpdate, revokedCertificates, extensions };
}

/** Parses a CRL given as PEM or DER; throws DerError when it is not a CertificateList. */
export function parseCrl(data: Uint8Array): ParsedCrl {
  const crl = crlParts(crlDer(data));
  const revokedSerials = new Set<string>();
  let entryCount = 0;
  // Serials only: the emulator reads 10k-entry CRLs on the CreateSession path.
  for (const entry of crl.revokedCertificates ? children(crl.revokedCertificates) : []) {
    revokedSerials.add(readIntegerHex(readNode(entry.source, entry.contentStart, entry.contentEnd)));
    entryCount++;
  }
  const { bytes, unusedBits } = readBitString(crl.signatureValue);
  if (unusedBits !== 0) throw new DerError('signature has unused bits');
  return {
    issuerDer: Buffer.from(encoded(crl.issuer)),
    thisUpdate: readTime(crl.thisUpdate),
    nextUpdate: crl.nextUpdate && readTime(crl.nextUpdate),
    ...(crl.extensions ? { crlNumber: readCrlNumber(crl.extensions) } : {}),
    ...readAuthorityKeyId(crl.extensions),
    revokedSerials,
    entryCount,
    tbsDer: Buffer.from(encoded(crl.tbs)),
    signatureAlgorithmOid: decodeOid(expectTag(children(expectTag(crl.algorithm, TAG_SEQUENCE, 'an AlgorithmIdentifier'))[0], TAG_OID, 'a signature algorithm OID')),
    signatureAlgorithmDer: Buffer.from(encoded(crl.algorithm)),
    signature: Buffer.from(bytes),
  };
}

/** The revokedCertificates entries of a DER CRL, in order, with dates and reasons. */
export function readCrlEntries(der: Buffer): CrlEntry[] {
  const { revokedCertificates } = crlParts(der);
  if (!revokedCertificates) return [];
  return children(revokedCertificates).map((entry) => {
    const [serial, date, extensions] = children(entry);
    if (!serial || !date) throw new DerError('bad CRL entry', entry.start);
    const serialHex = readIntegerHex(serial);
    return { serialHex: serialHex.length % 2 ? `0${serialHex}` : serialHex, revokedAt: readTime(date), reason: readReason(extensions) };
  });
}

/** The value of the extension `oid` in an Extensions SEQUENCE, as a node, or undefined. */
function extensionValue(extensions: DerNode, oid: string): DerNode | undefined {
  for (const extension of children(expectTag(extensions, TAG_SEQUENCE, 'Extensions'))) {
    const parts = children(extension);
    if (decodeOid(expectTag(parts[0], TAG_OID, 'an extension OID')) === oid) return inner(expectTag(parts[parts.length - 1], TAG_OCTET_STRING, 'an extension value'));
  }
  return undefined;
}

function readCrlNumber(extensions: DerNode): bigint | undefined {
  const value = extensionValue(inner(extensions), EXTENSION_OID.crlNumber);
  if (value === undefined) return undefined;
  if (value.tag !== TAG_INTEGER) throw new DerError('cRLNumber is not an INTEGER', value.start);
  return readBigInteger(value);
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, ... } */
function readAuthorityKeyId(extensions: DerNode | undefined): { authorityKeyId?: Buffer } {
  const value = extensions && extensionValue(inner(extensions), EXTENSION_OID.authorityKeyIdentifier);
  if (value === undefined) return {};
  const keyIdentifier = children(expectTag(value, TAG_SEQUENCE, 'AuthorityKeyIdentifier')).find((node) => node.tag === 0x80);
  return keyIdentifier ? { authorityKeyId: Buffer.from(content(keyIdentifier)) } : {};
}

function readReason(extensions: DerNode | undefined): RevocationReason {
  const value = extensions && extensionValue(extensions, EXTENSION_OID.crlReason);
  if (value === undefined) return 'unspecified';
  if (value.tag !== TAG_ENUMERATED || value.contentEnd === value.contentStart) throw new DerError('CRLReason is not an ENUMERATED', value.start);
  const code = Number.parseInt(content(value).toString('hex'), 16);
  const reason = revocationReasonOf(code);
  if (!reason) throw new DerError(`unknown reason code ${code}`, value.start);
  return reason;
}
