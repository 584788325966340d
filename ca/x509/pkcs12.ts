// PKCS#12 bundle writer (RFC 7292): a certificate bag and a PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256)
// shrouded key bag, with an HMAC-SHA256 MAC keyed by the PKCS#12 KDF (RFC 7292 Appendix B.2).
import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { explicit, nullValue, octetString, oid, sequence, setOf, smallInteger, tlv, TAG } from '../../x509/der-writer.js';
import { digestAlgorithmByName } from '../../x509/algorithms.js';
import { OID } from './oids.js';

export interface Pkcs12Input {
  certificateDer: Buffer;
  privateKey: KeyObject;
  password: string;
  friendlyName?: string;
  /** 8+ random bytes for the MAC salt. */
  macSalt: Buffer;
  /** @default 2048 (OpenSSL's default) */
  macIterations?: number;
}

function bmpString(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

/** RFC 7292 B.2 with SHA-256 (u = 32, v = 64), for ID 3 (MAC key) and a 32-byte output. */
export function pkcs12MacKey(password: string, salt: Buffer, iterations: number): Buffer {
  const v = 64;
  const fill = (data: Buffer): Buffer => {
    if (data.length === 0) return data;
    const out = Buffer.alloc(v * Math.ceil(data.length / v));
    // Non-null: data is not empty (checked above), so i % data.length is an index into it.
    for (let i = 0; i < out.length; i++) out[i] = data[i % data.length]!;
    return out;
  };
  const passwordBytes = Buffer.concat([bmpString(password), Buffer.alloc(2)]);
  let digest = Buffer.concat([Buffer.alloc(v, 3), fill(salt), fill(passwordBytes)]);
  for (let i = 0; i < iterations; i++) digest = createHash('sha256').update(digest).digest();
  return digest;
}

/** ContentInfo ::= SEQUENCE { contentType data, content [0] EXPLICIT OCTET STRING } */
function dataContentInfo(content: Buffer): Buffer {
  return sequence(oid(OID.pkcs7Data), explicit(0, octetString(content)));
}

function bagAttributes(localKeyId: Buffer, friendlyName?: string): Buffer {
  const attributes = [sequence(oid(OID.localKeyId), setOf(octetString(localKeyId)))];
  if (friendlyName) attributes.push(sequence(oid(OID.friendlyName), setOf(tlv(TAG.BMP_STRING, bmpString(friendlyName)))));
  return setOf(...attributes);
}

export function encodePkcs12(input: Pkcs12Input): Buffer {
  const iterations = input.macIterations ?? 2048;
  const localKeyId = createHash('sha1').update(input.certificateDer).digest();
  const attributes = bagAttributes(localKeyId, input.friendlyName);
  const certBag = sequence(oid(OID.certBag), explicit(0, sequence(oid(OID.x509Certificate), explicit(0, octetString(input.certificateDer)))), attributes);
  // Node writes EncryptedPrivateKeyInfo as PBES2: PBKDF2 with HMAC-SHA256 and AES-256-CBC.
  const shrouded = input.privateKey.export({ format: 'der', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: input.password });
  const keyBag = sequence(oid(OID.pkcs8ShroudedKeyBag), explicit(0, shrouded), attributes);
  const authenticatedSafe = sequence(dataContentInfo(sequence(certBag)), dataContentInfo(sequence(keyBag)));
  const mac = createHmac('sha256', pkcs12MacKey(input.password, input.macSalt, iterations)).update(authenticatedSafe).digest();
  const macData = sequence(sequence(sequence(oid(digestAlgorithmByName('sha256').oid), nullValue()), octetString(mac)), octetString(input.macSalt), smallInteger(iterations));
  return sequence(smallInteger(3), dataContentInfo(authenticatedSafe), macData);
}
