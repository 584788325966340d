// ML-DSA through Node's own crypto where the running Node has it (Node 24 with OpenSSL 3.5):
// verification from the SPKI, and signing from the seed (OpenSSL takes RFC 9881's seed form). Keys
// without a seed, and seed expansion, stay with @noble/post-quantum (OpenSSL does not export sk).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { implicitPrimitive, octetString, sequence, smallInteger } from './der-writer.js';
import { encodeMlDsaSpki, mlDsaAlgorithmIdentifier, type MlDsaParameterSet } from './ml-dsa.js';

export interface NodeMlDsa {
  sign(set: MlDsaParameterSet, seed: Uint8Array, message: Uint8Array): Buffer;
  verify(set: MlDsaParameterSet, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

/** Node's ML-DSA, or undefined when this Node (Node 20, OpenSSL 3.0) has none. */
export function nodeMlDsa(): NodeMlDsa | undefined {
  try {
    // @types/node 20 does not know the ML-DSA key types.
    (generateKeyPairSync as (type: string) => unknown)('ml-dsa-44');
  } catch {
    return undefined;
  }
  // One KeyObject per key bytes, so a signer or a verifier parses its key once.
  const privateKeys = new WeakMap<Uint8Array, KeyObject>();
  const publicKeys = new WeakMap<Uint8Array, KeyObject>();
  const privateKeyOf = (set: MlDsaParameterSet, seed: Uint8Array): KeyObject => {
    let key = privateKeys.get(seed);
    if (!key) {
      const der = sequence(smallInteger(0), mlDsaAlgorithmIdentifier(set), octetString(implicitPrimitive(0, seed)));
      key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      privateKeys.set(seed, key);
    }
    return key;
  };
  const publicKeyOf = (set: MlDsaParameterSet, publicKey: Uint8Array): KeyObject => {
    let key = publicKeys.get(publicKey);
    if (!key) {
      key = createPublicKey({ key: encodeMlDsaSpki(set, publicKey), format: 'der', type: 'spki' });
      publicKeys.set(publicKey, key);
    }
    return key;
  };
  return {
    sign: (set, seed, message) => sign(null, message, privateKeyOf(set, seed)),
    verify: (set, publicKey, message, signature) => {
      try {
        return verify(null, message, publicKeyOf(set, publicKey), signature);
      } catch {
        return false;
      }
    },
  };
}
