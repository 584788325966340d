// Decrypts a PKCS#8 EncryptedPrivateKeyInfo protected with PBES2 (RFC 8018 §6.2, RFC 7914 §7) on
// primitives every runtime has (pbkdf2, scrypt, AES-CBC), for inner keys that createPrivateKey
// cannot parse (ML-DSA on Node 20) and runtimes that cannot decrypt every PBES2 (Bun).
//   EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
//   PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }
import { createDecipheriv, pbkdf2Sync, scryptSync } from 'node:crypto';
import { children, content, decodeOid, DerError, expectTag, readBigInteger, readRoot, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, type DerNode } from '../x509/der-reader.js';

export type Pbes2Failure = 'malformed' | 'unsupported' | 'wrong-passphrase';

/** Why decryption failed: not PBES2 DER, a scheme not listed here, or a wrong passphrase. */
export class Pbes2DecryptError extends Error {
  readonly failure: Pbes2Failure;
  constructor(failure: Pbes2Failure, message: string) {
    super(message);
    this.failure = failure;
  }
}

const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const SCRYPT = '1.3.6.1.4.1.11591.4.11';
const PRF_DIGESTS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const CIPHERS: Readonly<Record<string, { name: string; keyBytes: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyBytes: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyBytes: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyBytes: 32 },
};
/** Refuse KDF costs that would hang the process on a hostile file. */
const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_SCRYPT_MEMORY_BYTES = 1024 ** 3;

/** The inner PrivateKeyInfo DER. */
export function decryptPbes2(encryptedPrivateKeyInfoDer: Uint8Array, passphrase: string): Buffer {
  let scheme: { cipher: { name: string; keyBytes: number }; iv: Buffer; deriveKey: (keyBytes: number) => Buffer; data: Buffer };
  try {
    scheme = readScheme(encryptedPrivateKeyInfoDer, passphrase);
  } catch (error) {
    if (error instanceof DerError) throw new Pbes2DecryptError('malformed', `not a PBES2 EncryptedPrivateKeyInfo (${error.message})`);
    throw error;
  }
  const key = scheme.deriveKey(scheme.cipher.keyBytes);
  try {
    const decipher = createDecipheriv(scheme.cipher.name, key, scheme.iv);
    const plain = Buffer.concat([decipher.update(scheme.data), decipher.final()]);
    expectTag(readRoot(plain), TAG_SEQUENCE, 'a PrivateKeyInfo');
    return plain;
  } catch {
    throw new Pbes2DecryptError('wrong-passphrase', 'the passphrase does not decrypt the key');
  }
}

function readScheme(der: Uint8Array, passphrase: string) {
  const [algorithm, data] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'an EncryptedPrivateKeyInfo'));
  const [oidNode, params] = children(expectTag(algorithm, TAG_SEQUENCE, 'an AlgorithmIdentifier'));
  if (decodeOid(oidNode!) !== PBES2) throw new Pbes2DecryptError('unsupported', `encryption scheme ${decodeOid(oidNode!)} is not PBES2`);
  const [kdf, encryption] = children(expectTag(params, TAG_SEQUENCE, 'PBES2-params'));
  const [cipherOid, ivNode] = children(expectTag(encryption, TAG_SEQUENCE, 'the encryption scheme'));
  const cipher = CIPHERS[decodeOid(cipherOid!)];
  if (!cipher) throw new Pbes2DecryptError('unsupported', `cipher ${decodeOid(cipherOid!)} is not AES-CBC`);
  const iv = content(expectTag(ivNode, TAG_OCTET_STRING, 'the IV'));
  return { cipher, iv, deriveKey: keyDerivation(expectTag(kdf, TAG_SEQUENCE, 'the key derivation'), passphrase), data: content(expectTag(data, TAG_OCTET_STRING, 'encryptedData')) };
}

function readNumber(node: DerNode | undefined, what: string): number {
  const value = readBigInteger(expectTag(node, TAG_INTEGER, what));
  if (value < 1n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DerError(`${what} is out of range`);
  return Number(value);
}

function keyDerivation(kdf: DerNode, passphrase: string): (keyBytes: number) => Buffer {
  const [oidNode, paramsNode] = children(kdf);
  const oid = decodeOid(oidNode!);
  const params = children(expectTag(paramsNode, TAG_SEQUENCE, 'the key derivation parameters'));
  const salt = content(expectTag(params[0], TAG_OCTET_STRING, 'the salt'));
  if (oid === PBKDF2) {
    const iterations = readNumber(params[1], 'the iteration count');
    const prfNode = params.slice(2).find((p) => p.tag === TAG_SEQUENCE);
    const prfOid = prfNode ? decodeOid(children(prfNode)[0]!) : '1.2.840.113549.2.7';
    const digest = PRF_DIGESTS[prfOid];
    if (!digest) throw new Pbes2DecryptError('unsupported', `PBKDF2 PRF ${prfOid} is not HMAC-SHA1/224/256/384/512`);
    if (iterations > MAX_PBKDF2_ITERATIONS) throw new Pbes2DecryptError('unsupported', `PBKDF2 iteration count ${iterations} is above ${MAX_PBKDF2_ITERATIONS}`);
    return (keyBytes) => pbkdf2Sync(passphrase, salt, iterations, keyBytes, digest);
  }
  if (oid === SCRYPT) {
    const [N, r, p] = [readNumber(params[1], 'the scrypt cost'), readNumber(params[2], 'the scrypt block size'), readNumber(params[3], 'the scrypt parallelization')];
    const memory = 128 * N * r + 128 * r * p;
    if (memory > MAX_SCRYPT_MEMORY_BYTES) throw new Pbes2DecryptError('unsupported', `scrypt parameters need ${memory} bytes of memory`);
    return (keyBytes) => scryptSync(passphrase, salt, keyBytes, { N, r, p, maxmem: memory + 1024 * 1024 });
  }
  throw new Pbes2DecryptError('unsupported', `key derivation ${oid} is not PBKDF2 or scrypt`);
}
