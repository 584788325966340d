// Password-based decryption for PKCS#12 contents: PBES2 (RFC 8018 §6.2: PBKDF2 with any
// HMAC-SHA PRF, or scrypt per RFC 7914; AES-CBC or 3DES-CBC) and the PKCS#12 PBE schemes
// (RFC 7292 Appendix C: SHA-1 with 3-key/2-key 3DES, 40/128-bit RC2).
import { createDecipheriv, pbkdf2Sync, scryptSync } from 'node:crypto';
import { berChildren, berOctets, decodeOid, DerError, expectTag, readSafeInteger, TAG_OCTET_STRING, TAG_SEQUENCE, type DerNode } from '../../x509/der-reader.js';
import { bmpPassword, pkcs12Kdf } from './pkcs12-kdf.js';
import { rc2CbcDecrypt } from './rc2.js';

/** The algorithm is not one we can decrypt (not a wrong password). */
export class UnsupportedAlgorithmError extends Error {
  constructor(readonly algorithm: string) {
    super(`unsupported encryption algorithm ${algorithm}`);
  }
}

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const SCRYPT = '1.3.6.1.4.1.11591.4.11';
const PRF: Record<string, string> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
  '1.2.840.113549.2.12': 'sha512-224',
  '1.2.840.113549.2.13': 'sha512-256',
};
const PBES2_CIPHERS: Record<string, { name: string; keyBytes: number }> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyBytes: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyBytes: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyBytes: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyBytes: 24 },
};
const PKCS12_PBE: Record<string, { cipher: 'des-ede3-cbc' | 'des-ede-cbc' | 'rc2'; keyBytes: number }> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyBytes: 24 },
  '1.2.840.113549.1.12.1.4': { cipher: 'des-ede-cbc', keyBytes: 16 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyBytes: 16 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyBytes: 5 },
};

export interface PbeInput {
  /** The AlgorithmIdentifier element. */
  algorithm: DerNode;
  data: Buffer;
  password: string;
  /** For the PKCS#12 schemes: encode an empty password as no bytes instead of a terminator. */
  emptyAsNoBytes?: boolean;
}

/** Decrypts; returns undefined when the password is wrong (bad padding). */
export function pbeDecrypt(input: PbeInput): Buffer | undefined {
  const [algorithmOid, params] = berChildren(input.algorithm);
  // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
  const id = decodeOid(algorithmOid!);
  if (id === PBES2) return pbes2Decrypt(expectTag(params, TAG_SEQUENCE, 'PBES2 parameters'), input);
  const scheme = PKCS12_PBE[id];
  if (!scheme) throw new UnsupportedAlgorithmError(id);
  const [salt, iterations] = berChildren(expectTag(params, TAG_SEQUENCE, 'PKCS#12 PBE parameters'));
  // Non-null: missing parameters make berOctets or readSafeInteger throw, which loadPkcs12 reports as a malformed file.
  const kdf = { hash: 'sha1', password: bmpPassword(input.password, input.emptyAsNoBytes), salt: berOctets(salt!), iterations: readSafeInteger(iterations!) };
  const key = pkcs12Kdf({ ...kdf, purpose: 'key', lengthBytes: scheme.keyBytes });
  const iv = pkcs12Kdf({ ...kdf, purpose: 'iv', lengthBytes: 8 });
  if (scheme.cipher === 'rc2') return rc2CbcDecrypt(key, scheme.keyBytes * 8, iv, input.data);
  // Two-key 3DES is three-key 3DES with K3 = K1.
  const fullKey = scheme.cipher === 'des-ede-cbc' ? Buffer.concat([key, key.subarray(0, 8)]) : key;
  return decipher('des-ede3-cbc', fullKey, iv, input.data);
}

function pbes2Decrypt(params: DerNode, input: PbeInput): Buffer | undefined {
  const [kdfAlgorithm, encryptionScheme] = berChildren(params);
  const [cipherOid, ivTlv] = berChildren(expectTag(encryptionScheme, TAG_SEQUENCE, 'encryption scheme'));
  // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
  const cipherId = decodeOid(cipherOid!);
  const cipher = PBES2_CIPHERS[cipherId];
  if (!cipher) throw new UnsupportedAlgorithmError(cipherId);
  const key = deriveKey(expectTag(kdfAlgorithm, TAG_SEQUENCE, 'key derivation function'), input.password, cipher.keyBytes);
  return decipher(cipher.name, key, berOctets(expectTag(ivTlv, TAG_OCTET_STRING, 'IV')), input.data);
}

function deriveKey(kdf: DerNode, password: string, keyBytes: number): Buffer {
  const [kdfOid, kdfParams] = berChildren(kdf);
  // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
  const id = decodeOid(kdfOid!);
  const fields = berChildren(expectTag(kdfParams, TAG_SEQUENCE, 'KDF parameters'));
  const salt = berOctets(expectTag(fields[0], TAG_OCTET_STRING, 'salt'));
  if (id === PBKDF2) {
    // Non-null: a missing count makes readSafeInteger throw, which loadPkcs12 reports as a malformed file.
    const iterations = readSafeInteger(fields[1]!);
    const prfTlv = fields.slice(2).find((f) => f.tag === TAG_SEQUENCE);
    // Non-null: a missing OID makes decodeOid throw, which loadPkcs12 reports as a malformed file.
    const prfId = prfTlv ? decodeOid(berChildren(prfTlv)[0]!) : '1.2.840.113549.2.7';
    const hash = PRF[prfId];
    if (!hash) throw new UnsupportedAlgorithmError(prfId);
    return pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, keyBytes, hash);
  }
  if (id === SCRYPT) {
    const [N, r, p] = fields.slice(1, 4).map(readSafeInteger);
    if (N === undefined || r === undefined || p === undefined) throw new DerError('scrypt parameters');
    return scryptSync(Buffer.from(password, 'utf8'), salt, keyBytes, { N, r, p, maxmem: 256 * N * r + (1 << 20) });
  }
  throw new UnsupportedAlgorithmError(id);
}

function decipher(name: string, key: Buffer, iv: Buffer, data: Buffer): Buffer | undefined {
  try {
    const d = createDecipheriv(name, key, iv);
    return Buffer.concat([d.update(data), d.final()]);
  } catch {
    return undefined;
  }
}
