// A key the CA generates (its own key at `ca init`, a workload key for `issue --generate-key`):
// the SigningKey, and the PKCS#8 form written to disk. ML-DSA keys (issue 14) are written in
// RFC 9881's `seed` form (the 32-byte seed only): the smallest, and the one every reader takes
// (Python's cryptography 48 reads only this form; OpenSSL 3.5 writes `both` and reads all three).
import { randomBytes as cryptoRandomBytes, type KeyObject } from 'node:crypto';
import { encodeMlDsaPrivateKey, generateMlDsaKey } from '../keys/ml-dsa-key.js';
import { mlDsaSigningKey } from '../keys/ml-dsa-signing-key.js';
import { signingKeyFromKeyObject, type SigningKey } from '../keys/signing-key.js';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { ML_DSA_SEED_BYTES, mlDsaParametersByKeyType } from '../x509/ml-dsa.js';
import { generateKeyPair, type KeyType } from './key-type.js';

export interface GeneratedKey {
  signingKey: SigningKey;
  /** What writePrivateKey takes: the KeyObject, or the ML-DSA PKCS#8 DER. */
  writable: KeyObject | Buffer;
  /** RSA and EC: the private KeyObject (PKCS#12 takes only these). */
  keyObject?: KeyObject;
}

export async function generateKey(keyType: KeyType, randomBytes: (size: number) => Buffer = cryptoRandomBytes): Promise<GeneratedKey> {
  const parameters = mlDsaParametersByKeyType(keyType);
  if (!parameters) {
    const { privateKey, publicKey } = generateKeyPair(keyType);
    return { signingKey: signingKeyFromKeyObject(privateKey, publicKey), writable: privateKey, keyObject: privateKey };
  }
  const engine = await loadMlDsaEngine();
  const key = generateMlDsaKey(parameters, randomBytes(ML_DSA_SEED_BYTES), engine);
  return { signingKey: mlDsaSigningKey(key, engine), writable: encodeMlDsaPrivateKey(key, 'seed') };
}
