// ML-DSA private keys in PKCS#8 (RFC 5958 OneAsymmetricKey, RFC 9881 §6): the privateKey OCTET
// STRING holds one of
//   ML-DSA-xx-PrivateKey ::= CHOICE {
//     seed [0] IMPLICIT OCTET STRING (SIZE (32)),
//     expandedKey OCTET STRING (SIZE (2560 | 4032 | 4896)),
//     both SEQUENCE { seed OCTET STRING (SIZE (32)), expandedKey OCTET STRING (SIZE (...)) } }
import { InputError } from '../errors.js';
import { children, content, DerError, expectTag, readRoot, TAG_INTEGER, TAG_OCTET_STRING, TAG_SEQUENCE, type DerNode } from '../x509/der-reader.js';
import { implicitPrimitive, octetString, sequence, smallInteger } from '../x509/der-writer.js';
import { encodeMlDsaSpki, ML_DSA_SEED_BYTES, mlDsaAlgorithmIdentifier, readMlDsaAlgorithm, type MlDsaParameters } from '../x509/ml-dsa.js';
import type { MlDsaEngine } from '../x509/ml-dsa-engine.js';

export type MlDsaKeyForm = 'seed' | 'expanded' | 'both';

export interface MlDsaPrivateKey {
  parameters: MlDsaParameters;
  /** The 32-byte seed ξ, when the file has it. */
  seed?: Buffer;
  /** The expanded private key (sk). */
  secretKey: Buffer;
  /** The raw public key (pk). */
  publicKey: Buffer;
  /** SubjectPublicKeyInfo DER of `publicKey`. */
  subjectPublicKeyInfo: Buffer;
}

/** seed [0] IMPLICIT OCTET STRING. */
const TAG_SEED = 0x80;

/** The ML-DSA parameter set of a plain PKCS#8 PrivateKeyInfo, or undefined for anything else. */
export function mlDsaPkcs8Parameters(der: Uint8Array): MlDsaParameters | undefined {
  try {
    const [version, algorithm] = children(expectTag(readRoot(der), TAG_SEQUENCE, 'a PrivateKeyInfo'));
    if (version?.tag !== TAG_INTEGER || algorithm?.tag !== TAG_SEQUENCE) return undefined;
    return readMlDsaAlgorithm(algorithm.source.subarray(algorithm.start, algorithm.end));
  } catch {
    return undefined;
  }
}

function invalid(source: string, why: string): InputError {
  return new InputError('ML_DSA_KEY_INVALID', `cannot read private key ${source}: ${why}. Give an RFC 9881 ML-DSA PKCS#8 key (seed, expanded or both).`);
}

/** Reads and checks an ML-DSA PKCS#8 key: sizes fit the OID, and seed and expanded key agree. */
export function parseMlDsaPrivateKey(der: Uint8Array, source: string, engine: MlDsaEngine): MlDsaPrivateKey {
  const parameters = mlDsaPkcs8Parameters(der);
  if (!parameters) throw invalid(source, 'not an ML-DSA PKCS#8 key');
  let choice: { seed?: Buffer; expandedKey?: Buffer };
  try {
    const privateKey = expectTag(children(readRoot(der))[2], TAG_OCTET_STRING, 'the privateKey OCTET STRING');
    choice = readChoice(readRoot(content(privateKey)));
  } catch (error) {
    if (error instanceof DerError) throw invalid(source, `the ${parameters.name} private key is not DER (${error.message})`);
    throw error;
  }
  const { seed, expandedKey } = choice;
  if (seed && seed.length !== ML_DSA_SEED_BYTES) throw invalid(source, `the ${parameters.name} seed is ${seed.length} bytes, not ${ML_DSA_SEED_BYTES}`);
  if (expandedKey && expandedKey.length !== parameters.privateKeyBytes) {
    throw invalid(source, `the ${parameters.name} expanded key is ${expandedKey.length} bytes, not ${parameters.privateKeyBytes} (a key of another parameter set, or truncated)`);
  }
  const set = parameters.name;
  let secretKey: Buffer;
  let publicKey: Buffer;
  if (seed) {
    ({ secretKey, publicKey } = engine.keyPairFromSeed(set, seed));
    if (expandedKey && !expandedKey.equals(secretKey)) throw invalid(source, `the ${set} seed and expanded key do not match`);
  } else {
    // Non-null: the form check above required a seed or an expanded key, and this branch has no seed.
    secretKey = expandedKey!;
    publicKey = engine.publicKeyOf(set, secretKey);
  }
  return { parameters, seed, secretKey, publicKey, subjectPublicKeyInfo: encodeMlDsaSpki(set, publicKey) };
}

function readChoice(node: DerNode): { seed?: Buffer; expandedKey?: Buffer } {
  if (node.tag === TAG_SEED) return { seed: content(node) };
  if (node.tag === TAG_OCTET_STRING) return { expandedKey: content(node) };
  const parts = children(expectTag(node, TAG_SEQUENCE, 'seed, expandedKey or both'));
  if (parts.length !== 2) throw new DerError('both must hold a seed and an expanded key');
  return { seed: content(expectTag(parts[0], TAG_OCTET_STRING, 'the seed')), expandedKey: content(expectTag(parts[1], TAG_OCTET_STRING, 'the expanded key')) };
}

/** PrivateKeyInfo DER in one of the three forms; `seed` and `both` need the seed. */
export function encodeMlDsaPrivateKey(key: MlDsaPrivateKey, form: MlDsaKeyForm): Buffer {
  if (form !== 'expanded' && !key.seed) throw new TypeError(`encodeMlDsaPrivateKey: the ${form} form needs the seed`);
  const inner =
    // Non-null: the seed and both forms were refused above without a seed.
    form === 'seed' ? implicitPrimitive(0, key.seed!)
    : form === 'expanded' ? octetString(key.secretKey)
    // Non-null: the seed and both forms were refused above without a seed.
    : sequence(octetString(key.seed!), octetString(key.secretKey));
  return sequence(smallInteger(0), mlDsaAlgorithmIdentifier(key.parameters.name), octetString(inner));
}

/** A new key from fresh randomness (the seed is kept, so every form can be written). */
export function generateMlDsaKey(parameters: MlDsaParameters, seed: Buffer, engine: MlDsaEngine): MlDsaPrivateKey {
  const { secretKey, publicKey } = engine.keyPairFromSeed(parameters.name, seed);
  return { parameters, seed, secretKey, publicKey, subjectPublicKeyInfo: encodeMlDsaSpki(parameters.name, publicKey) };
}
