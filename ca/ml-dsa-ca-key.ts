// The CA's key as the CA uses it (issue 14): an RSA/EC KeyObject or an ML-DSA key, each with its
// SubjectPublicKeyInfo, signature algorithm, signing function and PKCS#8 form for writing.
// ML-DSA keys are written in RFC 9881's `seed` form (the 32-byte seed only): the smallest, and the
// one every reader takes (Python's cryptography 48 reads only this form; OpenSSL 3.5 writes `both`
// by default and reads all three).
import { createPublicKey, sign, type KeyObject } from 'node:crypto';
import type { PrivateKeyMaterial } from '../keys/load-signing-key.js';
import { encodeMlDsaPrivateKey, generateMlDsaKey, type MlDsaPrivateKey } from '../keys/ml-dsa-key.js';
import { loadMlDsaEngine, mlDsaEngine } from '../x509/ml-dsa-engine.js';
import { mentionsMlDsa, ML_DSA_PARAMETERS, mlDsaAlgorithmIdentifier, type MlDsaParameterSet } from '../x509/ml-dsa.js';
import { decodePemBlocks, isPem } from '../x509/pem.js';
import { generateKeyPair, type KeyType } from './key-type.js';
import { signatureAlgorithmFor, type SignatureAlgorithm } from './x509/signature-algorithm.js';

export type CaPrivateKey = PrivateKeyMaterial;

export interface CaKeyOperations {
  subjectPublicKeyInfo: Buffer;
  algorithm: SignatureAlgorithm;
  sign(tbs: Buffer): Buffer;
  /** What writePrivateKey takes: the KeyObject, or the ML-DSA PKCS#8 DER. */
  writable: KeyObject | Buffer;
}

const ML_DSA_KEY_TYPES: Readonly<Record<string, MlDsaParameterSet>> = { 'ml-dsa-44': 'ML-DSA-44', 'ml-dsa-65': 'ML-DSA-65', 'ml-dsa-87': 'ML-DSA-87' };

export function mlDsaParameterSetOfKeyType(keyType: string): MlDsaParameterSet | undefined {
  return ML_DSA_KEY_TYPES[keyType];
}

/** The ML-DSA signature algorithm: id-ml-dsa-xx, parameters absent (RFC 9881 §3). */
export function mlDsaSignatureAlgorithm(set: MlDsaParameterSet): SignatureAlgorithm {
  // `digest` is unused for ML-DSA (pure ML-DSA signs the TBS itself); SHA-256 keeps the type total.
  return { identifier: mlDsaAlgorithmIdentifier(set), digest: 'sha256', name: set };
}

/** Whether a PEM or DER file (a CSR, a certificate) names an ML-DSA algorithm: load the engine then. */
export function mentionsMlDsaIn(data: Buffer): boolean {
  if (!isPem(data)) return mentionsMlDsa(data);
  return decodePemBlocks(data.toString('latin1')).some((block) => mentionsMlDsa(block.der));
}

/** A new CA or workload key; ML-DSA loads its engine first. */
export async function generateCaKey(keyType: KeyType, randomBytes: (size: number) => Buffer): Promise<CaPrivateKey> {
  const set = mlDsaParameterSetOfKeyType(keyType);
  if (!set) return { kind: 'classic', key: generateKeyPair(keyType).privateKey };
  return { kind: 'ml-dsa', key: generateMlDsaKey(ML_DSA_PARAMETERS[set], randomBytes(32), await loadMlDsaEngine()) };
}

/** Signing and encoding for a key; the ML-DSA engine must be loaded (it is, once a key was read). */
export function caKeyOperations(key: CaPrivateKey): CaKeyOperations {
  if (key.kind === 'classic') {
    const algorithm = signatureAlgorithmFor(key.key);
    return {
      subjectPublicKeyInfo: createPublicKey(key.key).export({ format: 'der', type: 'spki' }),
      algorithm,
      sign: (tbs) => sign(algorithm.digest, tbs, key.key),
      writable: key.key,
    };
  }
  return mlDsaOperations(key.key);
}

function mlDsaOperations(key: MlDsaPrivateKey): CaKeyOperations {
  const set = key.parameters.name;
  const engine = mlDsaEngine();
  return {
    subjectPublicKeyInfo: key.subjectPublicKeyInfo,
    algorithm: mlDsaSignatureAlgorithm(set),
    sign: (tbs) => engine.sign(set, key.secretKey, tbs, key.seed),
    writable: encodeMlDsaPrivateKey(key, key.seed ? 'seed' : 'expanded'),
  };
}
