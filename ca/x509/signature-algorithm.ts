// Signature algorithm for a CA key (RFC 5480 §3, RFC 4055 §5, RFC 9881 §3): ECDSA with the
// curve's hash, RSA with SHA-256, ML-DSA with its own parameter set, looked up in the algorithm
// table and written as an AlgorithmIdentifier.
import type { KeyObject } from 'node:crypto';
import { namedCurve } from '../../keys/key-acceptance.js';
import type { SigningKey } from '../../keys/signing-key.js';
import { findSignatureAlgorithm, mlDsaSignatureAlgorithm, type SignatureAlgorithmInfo } from '../../x509/algorithms.js';
import { ML_DSA_PARAMETERS } from '../../x509/ml-dsa.js';
import { nullValue, oid, sequence } from '../../x509/der-writer.js';

export interface SignatureAlgorithm {
  /** AlgorithmIdentifier DER. */
  identifier: Buffer;
  /** Passed to SigningKey.sign; ML-DSA ignores it (pure ML-DSA signs the TBS itself). */
  digest: 'sha256' | 'sha384' | 'sha512';
  /** OpenSSL's name, e.g. `ecdsa-with-SHA384`. */
  name: string;
}

/** The algorithm a SigningKey signs certificates, CSRs and CRLs with. */
export function signatureAlgorithmOf(key: SigningKey): SignatureAlgorithm {
  if (key.algorithm !== 'ML-DSA') return signatureAlgorithmFor(key.publicKey);
  const entry = mlDsaSignatureAlgorithm(ML_DSA_PARAMETERS[key.parameterSet].keyType);
  return { identifier: algorithmIdentifier(entry), digest: 'sha256', name: entry.name };
}

export function signatureAlgorithmFor(key: KeyObject): SignatureAlgorithm {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const digest = key.asymmetricKeyType === 'rsa' ? 'sha256' : namedCurve(curve)?.digest;
  const entry = digest && findSignatureAlgorithm(key.asymmetricKeyType === 'rsa' ? 'rsa' : 'ec', digest);
  if (!digest || !entry) throw new TypeError(`signatureAlgorithmFor: unsupported key ${key.asymmetricKeyType} ${curve ?? ''}`);
  return { identifier: algorithmIdentifier(entry), digest, name: entry.name };
}

/** AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL } */
export function algorithmIdentifier(entry: SignatureAlgorithmInfo): Buffer {
  return entry.parameters === 'null' ? sequence(oid(entry.oid), nullValue()) : sequence(oid(entry.oid));
}
