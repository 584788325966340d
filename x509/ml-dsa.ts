// ML-DSA in X.509 (RFC 9881, FIPS 204): the three parameter sets, their sizes, and the
// SubjectPublicKeyInfo and AlgorithmIdentifier encodings (parameters absent, RFC 9881 §2). The
// OIDs are rows of the one algorithm table (x509/algorithms.ts).
import { mlDsaSignatureAlgorithm, type MlDsaKeyType } from './algorithms.js';
import { children, decodeOid, DerError, readBitString, readRoot, TAG_BIT_STRING, TAG_OID, TAG_SEQUENCE, expectTag } from './der-reader.js';
import { bitString, oid, sequence } from './der-writer.js';
import { decodePemBlocks, isPem } from './pem.js';

export type MlDsaParameterSet = 'ML-DSA-44' | 'ML-DSA-65' | 'ML-DSA-87';

export interface MlDsaParameters {
  name: MlDsaParameterSet;
  /** Our key-type name and Node's `asymmetricKeyType`. */
  keyType: MlDsaKeyType;
  /** id-ml-dsa-44/65/87 (NIST CSOR sigAlgs 17/18/19). */
  oid: string;
  /** Sizes in bytes (FIPS 204 Table 2). */
  publicKeyBytes: number;
  privateKeyBytes: number;
  signatureBytes: number;
}

export const ML_DSA_SEED_BYTES = 32;

export const ML_DSA_PARAMETERS: Readonly<Record<MlDsaParameterSet, MlDsaParameters>> = {
  'ML-DSA-44': { name: 'ML-DSA-44', keyType: 'ml-dsa-44', oid: mlDsaSignatureAlgorithm('ml-dsa-44').oid, publicKeyBytes: 1312, privateKeyBytes: 2560, signatureBytes: 2420 },
  'ML-DSA-65': { name: 'ML-DSA-65', keyType: 'ml-dsa-65', oid: mlDsaSignatureAlgorithm('ml-dsa-65').oid, publicKeyBytes: 1952, privateKeyBytes: 4032, signatureBytes: 3309 },
  'ML-DSA-87': { name: 'ML-DSA-87', keyType: 'ml-dsa-87', oid: mlDsaSignatureAlgorithm('ml-dsa-87').oid, publicKeyBytes: 2592, privateKeyBytes: 4896, signatureBytes: 4627 },
};

export const ML_DSA_PARAMETER_SETS: readonly MlDsaParameterSet[] = ['ML-DSA-44', 'ML-DSA-65', 'ML-DSA-87'];

/** The parameter set an algorithm OID names, or undefined for any other algorithm. */
export function mlDsaParametersByOid(oid: string): MlDsaParameters | undefined {
  return ML_DSA_PARAMETER_SETS.map((name) => ML_DSA_PARAMETERS[name]).find((p) => p.oid === oid);
}

/** The parameter set of a key-type name (`ml-dsa-65`), or undefined for RSA and EC key types. */
export function mlDsaParametersByKeyType(keyType: string): MlDsaParameters | undefined {
  return ML_DSA_PARAMETER_SETS.map((name) => ML_DSA_PARAMETERS[name]).find((p) => p.keyType === keyType);
}

/** OID content bytes of 2.16.840.1.101.3.4.3 (the last arc, 17/18/19, follows). */
const SIG_ALGS_PREFIX = Buffer.from('6086480165030403', 'hex');

/** AlgorithmIdentifier ::= SEQUENCE { id-ml-dsa-xx } (parameters MUST be absent). */
export function mlDsaAlgorithmIdentifier(set: MlDsaParameterSet): Buffer {
  return sequence(oid(ML_DSA_PARAMETERS[set].oid));
}

/** SubjectPublicKeyInfo with the raw public key as the BIT STRING. */
export function encodeMlDsaSpki(set: MlDsaParameterSet, publicKey: Uint8Array): Buffer {
  return sequence(mlDsaAlgorithmIdentifier(set), bitString(publicKey));
}

/** Reads an AlgorithmIdentifier node; the ML-DSA parameter set, or undefined for another algorithm. */
export function readMlDsaAlgorithm(algorithmIdentifierDer: Uint8Array): MlDsaParameters | undefined {
  const parts = children(expectTag(readRoot(algorithmIdentifierDer), TAG_SEQUENCE, 'an AlgorithmIdentifier'));
  const parameters = mlDsaParametersByOid(decodeOid(expectTag(parts[0], TAG_OID, 'an algorithm OID')));
  if (parameters && parts.length !== 1) throw new DerError('ML-DSA AlgorithmIdentifier parameters must be absent');
  return parameters;
}

export interface MlDsaPublicKey {
  parameters: MlDsaParameters;
  /** The raw FIPS 204 public key (pk). */
  publicKey: Buffer;
}

/**
 * The ML-DSA public key of a SubjectPublicKeyInfo, undefined when it holds another algorithm.
 * Throws DerError when the OID is ML-DSA but the key does not fit the parameter set.
 */
export function readMlDsaSpki(spkiDer: Uint8Array): MlDsaPublicKey | undefined {
  const [algorithm, key] = children(expectTag(readRoot(spkiDer), TAG_SEQUENCE, 'a SubjectPublicKeyInfo'));
  if (!algorithm) throw new DerError('expected an AlgorithmIdentifier');
  const parameters = mlDsaParametersByOid(decodeOid(expectTag(children(algorithm)[0], TAG_OID, 'an algorithm OID')));
  if (!parameters) return undefined;
  if (children(algorithm).length !== 1) throw new DerError('ML-DSA AlgorithmIdentifier parameters must be absent');
  const { bytes, unusedBits } = readBitString(expectTag(key, TAG_BIT_STRING, 'a BIT STRING'));
  if (unusedBits !== 0 || bytes.length !== parameters.publicKeyBytes) {
    throw new DerError(`${parameters.name} public key is ${bytes.length} bytes, not ${parameters.publicKeyBytes}`);
  }
  return { parameters, publicKey: bytes };
}

/** Whether DER bytes mention an id-ml-dsa-* OID anywhere: a cheap trigger for loading the engine. */
export function mentionsMlDsa(der: Uint8Array): boolean {
  const buffer = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  for (let at = buffer.indexOf(SIG_ALGS_PREFIX); at >= 0; at = buffer.indexOf(SIG_ALGS_PREFIX, at + 1)) {
    const last = buffer[at + SIG_ALGS_PREFIX.length];
    if (buffer[at - 1] === 9 && buffer[at - 2] === 0x06 && last !== undefined && last >= 17 && last <= 19) return true;
  }
  return false;
}

/** Whether a PEM or DER file (a CSR, a certificate, a chain) names ML-DSA: load the engine then. */
export function mentionsMlDsaIn(data: Buffer): boolean {
  if (!isPem(data)) return mentionsMlDsa(data);
  return decodePemBlocks(data.toString('latin1')).some((block) => mentionsMlDsa(block.der));
}
