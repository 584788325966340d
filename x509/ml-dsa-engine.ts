// The ML-DSA implementation (FIPS 204, pure ML-DSA with an empty context), loaded on first use:
// @noble/post-quantum, pure JavaScript, so the helper's start path stays Node builtins only; where
// the running Node has ML-DSA (Node 24, OpenSSL 3.5), signing from a seed and verifying use it.
// In dist/ the helper loads it from dist/ml-dsa.js (see build.mjs), never from node_modules.
import { InternalError } from '../errors.js';
import type { MlDsaParameterSet } from './ml-dsa.js';
import { nodeMlDsa, type NodeMlDsa } from './ml-dsa-node.js';

export interface MlDsaEngine {
  /** FIPS 204 ML-DSA.KeyGen_internal from a 32-byte seed. */
  keyPairFromSeed(set: MlDsaParameterSet, seed: Uint8Array): { publicKey: Buffer; secretKey: Buffer };
  /** The public key (pk) of an expanded private key (sk). */
  publicKeyOf(set: MlDsaParameterSet, secretKey: Uint8Array): Buffer;
  /**
   * ML-DSA.Sign over the message itself, empty context, hedged (fresh randomness). With the seed,
   * Node's crypto signs where it can.
   */
  sign(set: MlDsaParameterSet, secretKey: Uint8Array, message: Uint8Array, seed?: Uint8Array): Buffer;
  /** `node` when Node's own ML-DSA signs and verifies, else `noble` (@noble/post-quantum). */
  implementation: string;
  /** ML-DSA.Verify with an empty context; false (never a throw) for a malformed signature. */
  verify(set: MlDsaParameterSet, publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
}

type NobleDsa = {
  keygen(seed?: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array };
  getPublicKey(secretKey: Uint8Array): Uint8Array;
  sign(message: Uint8Array, secretKey: Uint8Array): Uint8Array;
  verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
};

/**
 * Loads the implementation. No module state: Node caches the import itself, and each caller (a
 * key loader, a CA command, the emulator at start) holds the engine it got and passes it on.
 */
export async function loadMlDsaEngine(): Promise<MlDsaEngine> {
  const noble = await import('@noble/post-quantum/ml-dsa.js');
  const byName: Record<MlDsaParameterSet, NobleDsa> = { 'ML-DSA-44': noble.ml_dsa44, 'ML-DSA-65': noble.ml_dsa65, 'ML-DSA-87': noble.ml_dsa87 };
  return engineOver(byName, nodeMlDsa());
}

/** The engine an ML-DSA check needs; an InternalError when the caller did not load one. */
export function requireMlDsaEngine(engine: MlDsaEngine | undefined): MlDsaEngine {
  if (!engine) throw new InternalError('ML_DSA_NOT_LOADED', 'ML-DSA is not loaded: an ML-DSA check ran without the engine (loadMlDsaEngine). Report this bug.');
  return engine;
}

function engineOver(byName: Record<MlDsaParameterSet, NobleDsa>, node: NodeMlDsa | undefined): MlDsaEngine {
  return {
    implementation: node ? 'node' : 'noble',
    keyPairFromSeed: (set, seed) => {
      const pair = byName[set].keygen(seed);
      return { publicKey: Buffer.from(pair.publicKey), secretKey: Buffer.from(pair.secretKey) };
    },
    publicKeyOf: (set, secretKey) => Buffer.from(byName[set].getPublicKey(secretKey)),
    sign: (set, secretKey, message, seed) => (node && seed ? node.sign(set, seed, message) : Buffer.from(byName[set].sign(message, secretKey))),
    verify: (set, publicKey, message, signature) => {
      if (node) return node.verify(set, publicKey, message, signature);
      try {
        return byName[set].verify(signature, message, publicKey);
      } catch {
        return false;
      }
    },
  };
}
