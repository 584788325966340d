// The proof of possession of an ML-DSA CSR (RFC 2986 §4.2 with RFC 9881 §3): the signature
// algorithm is the key's own id-ml-dsa-xx with absent parameters, and the signature verifies
// (pure ML-DSA, empty context) over CertificationRequestInfo, with the engine the caller loaded.
import { InputError } from '../../errors.js';
import { asInputError } from '../../x509/der-reader.js';
import { requireMlDsaEngine, type MlDsaEngine } from '../../x509/ml-dsa-engine.js';
import { readMlDsaAlgorithm, readMlDsaSpki, type MlDsaPublicKey } from '../../x509/ml-dsa.js';
import { readSignedParts } from '../../x509/signed-parts.js';

/** The CSR's ML-DSA key, or undefined for an RSA or EC CSR. */
export function mlDsaCsrKey(spki: Buffer, source: string): MlDsaPublicKey | undefined {
  try {
    return readMlDsaSpki(spki);
  } catch (error) {
    throw asInputError(error, 'CSR_MALFORMED', (why) => `cannot read CSR ${source}: its ML-DSA public key is malformed (${why}). Create the CSR again.`);
  }
}

export function assertMlDsaCsrSigned(csrDer: Buffer, key: MlDsaPublicKey, source: string, engine: MlDsaEngine | undefined): void {
  const signed = readSignedParts(csrDer);
  let algorithm;
  try {
    algorithm = readMlDsaAlgorithm(signed.signatureAlgorithmDer);
  } catch (error) {
    throw asInputError(error, 'CSR_UNSUPPORTED_SIGNATURE', (why) => `cannot use CSR ${source}: its ML-DSA signature algorithm is malformed (${why}). Create the CSR again.`);
  }
  const set = key.parameters.name;
  if (algorithm?.name !== set) {
    throw new InputError('CSR_UNSUPPORTED_SIGNATURE', `cannot use CSR ${source}: signature algorithm ${signed.signatureAlgorithmOid} does not fit its ${set} key. Sign the CSR with the key itself (${set}).`);
  }
  if (!requireMlDsaEngine(engine).verify(set, key.publicKey, signed.tbsDer, signed.signature)) {
    throw new InputError('CSR_SIGNATURE_INVALID', `cannot use CSR ${source}: its signature does not verify, so possession of the key is not proven. Create the CSR again with the workload key.`);
  }
}
