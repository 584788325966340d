// A SigningKey over an ML-DSA private key: pure ML-DSA over the message, empty context.
import type { MlDsaEngine } from '../x509/ml-dsa-engine.js';
import type { MlDsaPrivateKey } from './ml-dsa-key.js';
import type { MlDsaSigningKey } from './signing-key.js';

export function mlDsaSigningKey(key: MlDsaPrivateKey, engine: MlDsaEngine): MlDsaSigningKey {
  const set = key.parameters.name;
  return {
    algorithm: 'ML-DSA',
    parameterSet: set,
    publicKeyBytes: key.publicKey,
    subjectPublicKeyInfo: key.subjectPublicKeyInfo,
    sign: async (data) => engine.sign(set, key.secretKey, data, key.seed),
    close: async () => {},
  };
}
