// PKCS#12 (RFC 7292) reader: verifies the MAC, decrypts password-protected contents (PBES2 or the
// legacy PKCS#12 PBEs) and returns the private key and certificates. Node builtins only.
import { createHmac, createPrivateKey, timingSafeEqual, X509Certificate, type KeyObject } from 'node:crypto';
import { children, expectTag, integer, octets, oid, parseTlv, TAG, type Tlv } from './der.js';
import { pbeDecrypt } from './pbe-decrypt.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';

export const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const BAG_KEY = '1.2.840.113549.1.12.10.1.1';
const BAG_SHROUDED_KEY = '1.2.840.113549.1.12.10.1.2';
const BAG_CERT = '1.2.840.113549.1.12.10.1.3';
const BAG_SAFE_CONTENTS = '1.2.840.113549.1.12.10.1.6';
const CERT_X509 = '1.2.840.113549.1.9.22.1';
const MAC_HASH: Record<string, { hash: string; bytes: number }> = {
  '1.3.14.3.2.26': { hash: 'sha1', bytes: 20 },
  '2.16.840.1.101.3.4.2.4': { hash: 'sha224', bytes: 28 },
  '2.16.840.1.101.3.4.2.1': { hash: 'sha256', bytes: 32 },
  '2.16.840.1.101.3.4.2.2': { hash: 'sha384', bytes: 48 },
  '2.16.840.1.101.3.4.2.3': { hash: 'sha512', bytes: 64 },
};

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
  const pfx = children(expectTag(parseTlv(data), TAG.SEQUENCE, 'PFX'));
  if (integer(pfx[0]!) !== 3) throw new Pkcs12Error('malformed', 'PFX version is not 3');
  const authSafe = contentInfo(pfx[1]!);
  if (authSafe.type !== OID_DATA) throw new Pkcs12Error('unsupported', 'public-key integrity mode is not supported');
  const decoder = pfx[2] ? verifyMac(pfx[2], authSafe.content, password) : { password, emptyAsNoBytes: false };
  const keys: KeyObject[] = [];
  const certificates: X509Certificate[] = [];
  for (const info of children(parseTlv(authSafe.content)).map(contentInfo)) {
    if (info.type !== OID_DATA && info.type !== OID_ENCRYPTED_DATA) {
      throw new Pkcs12Error('unsupported', 'public-key privacy mode (EnvelopedData) is not supported');
    }
    const safeContents = info.type === OID_DATA ? info.content : decryptEncryptedData(info.content, decoder);
    collectBags(parseTlv(safeContents), decoder, keys, certificates);
  }
  if (keys.length === 0) throw new Pkcs12Error('no-key', 'the file holds no private key');
  if (certificates.length === 0) throw new Pkcs12Error('no-certificate', 'the file holds no certificate');
  return { privateKey: keys[0]!, certificates };
}

function contentInfo(tlv: Tlv): { type: string; content: Buffer } {
  const [typeTlv, explicit] = children(expectTag(tlv, TAG.SEQUENCE, 'ContentInfo'));
  const type = oid(typeTlv!);
  const inner = children(expectTag(explicit, TAG.CONTEXT_0, 'ContentInfo content'))[0]!;
  return { type, content: type === OID_DATA ? octets(expectTag(inner, TAG.OCTET_STRING, 'data')) : inner.raw };
}

function verifyMac(macData: Tlv, content: Buffer, password: string): Decoder {
  const [digestInfo, saltTlv, iterationsTlv] = children(macData);
  const [algorithm, digestTlv] = children(digestInfo!);
  const hashId = oid(children(algorithm!)[0]!);
  const mac = MAC_HASH[hashId];
  if (!mac) throw new Pkcs12Error('unsupported', `MAC algorithm ${hashId} is not supported`);
  const expected = octets(digestTlv!);
  const salt = octets(saltTlv!);
  const iterations = iterationsTlv ? integer(iterationsTlv) : 1;
  for (const emptyAsNoBytes of password === '' ? [false, true] : [false]) {
    const key = pkcs12Kdf({ hash: mac.hash, password: bmpPassword(password, emptyAsNoBytes), salt, iterations, purpose: 'mac', lengthBytes: mac.bytes });
    const actual = createHmac(mac.hash, key).update(content).digest();
    if (actual.length === expected.length && timingSafeEqual(actual, expected)) return { password, emptyAsNoBytes };
  }
  throw new Pkcs12Error('wrong-password', 'the MAC does not verify with this password');
}

/** EncryptedData ::= SEQUENCE { version, EncryptedContentInfo } (RFC 5652 §8) */
function decryptEncryptedData(raw: Buffer, decoder: Decoder): Buffer {
  const [, encryptedContentInfo] = children(expectTag(parseTlv(raw), TAG.SEQUENCE, 'EncryptedData'));
  const [, algorithm, encrypted] = children(expectTag(encryptedContentInfo, TAG.SEQUENCE, 'EncryptedContentInfo'));
  if (!encrypted) throw new Pkcs12Error('malformed', 'EncryptedData without content');
  return decrypt(algorithm!, octets(encrypted), decoder);
}

function decrypt(algorithm: Tlv, data: Buffer, decoder: Decoder): Buffer {
  const plain = pbeDecrypt({ algorithm, data, password: decoder.password, emptyAsNoBytes: decoder.emptyAsNoBytes });
  if (!plain) throw new Pkcs12Error('wrong-password', 'decryption failed with this password');
  return plain;
}

function collectBags(safeContents: Tlv, decoder: Decoder, keys: KeyObject[], certificates: X509Certificate[]): void {
  for (const bag of children(expectTag(safeContents, TAG.SEQUENCE, 'SafeContents'))) {
    const [idTlv, valueWrapper] = children(bag);
    const value = children(expectTag(valueWrapper, TAG.CONTEXT_0, 'bag value'))[0]!;
    const id = oid(idTlv!);
    if (id === BAG_KEY) keys.push(createPrivateKey({ key: value.raw, format: 'der', type: 'pkcs8' }));
    if (id === BAG_SHROUDED_KEY) {
      const [algorithm, encrypted] = children(value);
      const pkcs8 = decrypt(algorithm!, octets(encrypted!), decoder);
      keys.push(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }));
    }
    if (id === BAG_CERT) {
      const [certType, certValue] = children(value);
      if (oid(certType!) !== CERT_X509) continue;
      certificates.push(new X509Certificate(octets(children(certValue!)[0]!)));
    }
    if (id === BAG_SAFE_CONTENTS) collectBags(value, decoder, keys, certificates);
  }
}
