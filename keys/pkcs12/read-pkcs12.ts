// PKCS#12 (RFC 7292) reader: verifies the MAC, decrypts password-protected contents (PBES2 or the
// legacy PKCS#12 PBEs) and returns the private key and certificates. Node builtins only.
import { createHmac, createPrivateKey, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { berChildren, berOctets, decodeOid, encoded, expectTag, readBerNode, readSafeInteger, TAG_OCTET_STRING, TAG_SEQUENCE, type DerNode } from '../../x509/der-reader.js';
import { digestAlgorithmByOid } from '../../x509/algorithms.js';
import { pbeDecrypt } from './pbe-decrypt.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';
import { readX509Certificate } from '../../x509/read-x509-certificate.js';

export const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const BAG_SAFE_CONTENTS = '1.2.840.113549.1.12.10.1.6';
const CERT_X509 = '1.2.840.113549.1.9.22.1';
const TAG_CONTEXT_0 = 0xa0;

/** Why a PKCS#12 file could not be read; the caller turns it into a user-facing error. */
export type Pkcs12Failure = 'malformed' | 'wrong-password' | 'unsupported' | 'no-key' | 'no-certificate';

export class Pkcs12Error extends Error {
  constructor(readonly reason: Pkcs12Failure, detail: string) {
    super(detail);
  }
}

export interface Pkcs12Contents {
  privateKey: KeyObject;
  /** Every certificate in the file, in file order. */
  certificates: X509Certificate[];
}

interface Decoder {
  password: string;
  emptyAsNoBytes: boolean;
}

/** Reads the file with the password ('' for none). Throws Pkcs12Error. */
export function readPkcs12(data: Buffer, password: string): Pkcs12Contents {
  const pfx = berChildren(expectTag(readBerNode(data), TAG_SEQUENCE, 'PFX'));
  // Non-null: a missing field makes readSafeInteger or contentInfo throw, which loadPkcs12 reports as a malformed file.
  if (readSafeInteger(pfx[0]!) !== 3) throw new Pkcs12Error('malformed', 'PFX version is not 3');
  // Non-null: a missing field makes readSafeInteger or contentInfo throw, which loadPkcs12 reports as a malformed file.
  const authSafe = contentInfo(pfx[1]!);
  if (authSafe.type !== OID_DATA) throw new Pkcs12Error('unsupported', 'public-key integrity mode is not supported');
  const decoder = pfx[2] ? verifyMac(pfx[2], authSafe.content, password) : { password, emptyAsNoBytes: false };
  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  for (const info of berChildren(readBerNode(authSafe.content)).map(contentInfo)) {
    if (info.type !== OID_DATA && info.type !== OID_ENCRYPTED_DATA) {
      throw new Pkcs12Error('unsupported', 'public-key privacy mode (EnvelopedData) is not supported');
    }
    const safeContents = info.type === OID_DATA ? info.content : decryptEncryptedData(info.content, decoder);
    collectBags(readBerNode(safeContents), decoder, keys, certificates);
  }
  if (keys.length === 0) throw new Pkcs12Error('no-key', 'the file holds no private key');
  if (certificates.length === 0) throw new Pkcs12Error('no-certificate', 'the file holds no certificate');
  // Non-null: keys.length === 0 was refused above.
  return { privateKey: keys[0]!, certificates };
}

function contentInfo(tlv: DerNode): { type: string; content: Buffer } {
  const [typeTlv, explicit] = berChildren(expectTag(tlv, TAG_SEQUENCE, 'ContentInfo'));
  // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
  const type = decodeOid(typeTlv!);
  // Non-null: a missing content makes its user throw, which loadPkcs12 reports as a malformed file.
  const inner = berChildren(expectTag(explicit, TAG_CONTEXT_0, 'ContentInfo content'))[0]!;
  return { type, content: type === OID_DATA ? berOctets(expectTag(inner, TAG_OCTET_STRING, 'data')) : encoded(inner) };
}

function verifyMac(macData: DerNode, content: Buffer, password: string): Decoder {
  const [digestInfo, saltTlv, iterationsTlv] = berChildren(macData);
  // Non-null: a missing field makes berChildren or decodeOid throw, which loadPkcs12 reports as a malformed file.
  const [algorithm, digestTlv] = berChildren(digestInfo!);
  // Non-null: a missing field makes berChildren or decodeOid throw, which loadPkcs12 reports as a malformed file.
  const hashId = decodeOid(berChildren(algorithm!)[0]!);
  const mac = digestAlgorithmByOid(hashId);
  if (!mac) throw new Pkcs12Error('unsupported', `MAC algorithm ${hashId} is not supported`);
  // Non-null: a missing field makes berOctets throw, which loadPkcs12 reports as a malformed file.
  const expected = berOctets(digestTlv!);
  // Non-null: a missing field makes berOctets throw, which loadPkcs12 reports as a malformed file.
  const salt = berOctets(saltTlv!);
  const iterations = iterationsTlv ? readSafeInteger(iterationsTlv) : 1;
  for (const emptyAsNoBytes of password === '' ? [false, true] : [false]) {
    const key = pkcs12Kdf({ hash: mac.name, password: bmpPassword(password, emptyAsNoBytes), salt, iterations, purpose: 'mac', lengthBytes: mac.bytes });
    const actual = createHmac(mac.name, key).update(content).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return { password, emptyAsNoBytes };
  }
  throw new Pkcs12Error('wrong-password', 'the MAC does not verify with this password');
}

/** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo } (RFC 5652 §8) */
function decryptEncryptedData(raw: Buffer, decoder: Decoder): Buffer {
  const [, encryptedContentInfo] = berChildren(expectTag(readBerNode(raw), TAG_SEQUENCE, 'EncryptedData'));
  const [, algorithm, encrypted] = berChildren(expectTag(encryptedContentInfo, TAG_SEQUENCE, 'EncryptedContentInfo'));
  if (!encrypted) throw new Pkcs12Error('malformed', 'EncryptedData without content');
  // Non-null: a missing algorithm makes decrypt throw, which loadPkcs12 reports as a malformed file.
  return decrypt(algorithm!, berOctets(encrypted), decoder);
}

function decrypt(algorithm: DerNode, data: Buffer, decoder: Decoder): Buffer {
  const plain = pbeDecrypt({ algorithm, data, password: decoder.password, emptyAsNoBytes: decoder.emptyAsNoBytes });
  if (!plain) throw new Pkcs12Error('wrong-password', 'decryption failed with this password');
  return plain;
}

function collectBags(safeContents: DerNode, decoder: Decoder, keys: KeyObject[], certificates: X509Certificate[]): void {
  for (const bag of berChildren(expectTag(safeContents, TAG_SEQUENCE, 'SafeContents'))) {
    const [idTlv, valueWrapper] = berChildren(bag);
    // Non-null: a missing value makes its user throw, which loadPkcs12 reports as a malformed file.
    const value = berChildren(expectTag(valueWrapper, TAG_CONTEXT_0, 'bag value'))[0]!;
    // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
    const id = decodeOid(idTlv!);
    if (id === BAG_KEY) keys.push(createPrivateKey({ key: encoded(value), format: 'der', type: 'pkcs8' }));
    if (id === BAG_SHROUDED_KEY) {
      const [algorithm, encrypted] = berChildren(value);
      // Non-null: a missing field makes decrypt or berOctets throw, which loadPkcs12 reports as a malformed file.
      const pkcs8 = decrypt(algorithm!, berOctets(encrypted!), decoder);
      keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
    }
    if (id === BAG_CERT) {
      const [certType, certValue] = berChildren(value);
      // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
      if (decodeOid(certType!) !== CERT_X509) continue;
      // Non-null: a missing field makes berChildren or berOctets throw, which loadPkcs12 reports as a malformed file.
      certificates.push(readX509Certificate(berOctets(berChildren(certValue!)[0]!)));
    }
    if (id === BAG_SAFE_CONTENTS) collectBags(value, decoder, keys, certificates);
  }
}
