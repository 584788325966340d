// The ML-DSA engine (issue 14): whichever implementation it picked (Node's crypto on a Node with
// ML-DSA, else @noble/post-quantum), its signatures verify under noble used directly and the other
// way round, for every parameter set; and it picks Node's crypto exactly when Node has ML-DSA.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMlDsaEngine, type MlDsaEngine } from './ml-dsa-engine.js';
import { ML_DSA_PARAMETER_SETS, ML_DSA_PARAMETERS } from './ml-dsa.js';

const NOBLE = { 'ML-DSA-44': ml_dsa44, 'ML-DSA-65': ml_dsa65, 'ML-DSA-87': ml_dsa87 };
let engine: MlDsaEngine;
beforeAll(async () => {
  engine = await loadMlDsaEngine();
});

function nodeHasMlDsa(): boolean {
  try {
    (generateKeyPairSync as (type: string) => unknown)('ml-dsa-65');
    return true;
  } catch {
    return false;
  }
}

describe('ML-DSA engine', () => {
  it('uses Node\'s crypto exactly when this Node has ML-DSA', () => {
    expect(engine.implementation).toBe(nodeHasMlDsa() ? 'node' : 'noble');
  });

  it.each(ML_DSA_PARAMETER_SETS)('%s: engine and noble verify each other, sizes as FIPS 204 says', (set) => {
    const seed = randomBytes(32);
    const { publicKey, secretKey } = engine.keyPairFromSeed(set, seed);
    expect([publicKey.length, secretKey.length]).toEqual([ML_DSA_PARAMETERS[set].publicKeyBytes, ML_DSA_PARAMETERS[set].privateKeyBytes]);
    const message = randomBytes(200);
    for (const signature of [engine.sign(set, secretKey, message, seed), engine.sign(set, secretKey, message)]) {
      expect(signature.length).toBe(ML_DSA_PARAMETERS[set].signatureBytes);
      expect(NOBLE[set].verify(signature, message, publicKey)).toBe(true);
      expect(engine.verify(set, publicKey, message, signature)).toBe(true);
      expect(engine.verify(set, publicKey, Buffer.concat([message, Buffer.from([0])]), signature)).toBe(false);
    }
    expect(engine.verify(set, publicKey, message, NOBLE[set].sign(message, secretKey))).toBe(true);
    expect(engine.verify(set, publicKey, message, Buffer.alloc(10))).toBe(false);
  });
});
