// PKCS#10 certification requests (RFC 2986 §4): parse and check the proof-of-possession signature.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { InputError } from '../../errors.js';
import { assertUsableKey } from '../../keys/load-private-key.js';
import { asInputError, children, content, decodeOid, DerError, encoded, expectTag, readRoot, type DerNode } from '../../x509/der-reader.js';
import { signatureAlgorithmByOid } from '../../x509/algorithms.js';
import type { MlDsaEngine } from '../../x509/ml-dsa-engine.js';
import type { MlDsaParameterSet } from '../../x509/ml-dsa.js';
import { assertMlDsaCsrSigned, mlDsaCsrKey } from './ml-dsa-csr.js';
import { OID } from './oids.js';

export interface ParsedCsr {
  /** The subject Name DER, as requested. */
  subjectDer: Buffer;
  subjectNode: DerNode;
  subjectPublicKeyInfo: Buffer;
  /** The key; for ML-DSA (issue 14), which Node 20 cannot hold, its parameter set. */
  publicKey: KeyObject | MlDsaParameterSet;
  /** extnValue of a requested subjectAltName extension, if any. */
  requestedSanDer?: Buffer;
}

/**
 * CertificationRequest ::= SEQUENCE { certificationRequestInfo, signatureAlgorithm, signature BIT STRING }
 * CertificationRequestInfo ::= SEQUENCE { version INTEGER (0), subject Name, subjectPKInfo,
 *   attributes [0] IMPLICIT SET OF Attribute }
 */
export function parseCsr(der: Buffer, source: string, mlDsaEngine?: MlDsaEngine): ParsedCsr {
  let parts: { info: DerNode; algorithm: string; signature: Buffer; subject: DerNode; spki: DerNode; attributes?: DerNode };
  try {
    const [info, algorithmNode, signatureNode] = children(expectTag(readRoot(der), 0x30, 'a SEQUENCE'));
    const [version, subject, spki, attributes] = children(expectTag(info, 0x30, 'CertificationRequestInfo'));
    if (content(expectTag(version, 0x02, 'version')).toString('hex') !== '00') throw new DerError('unsupported version');
    const signatureBits = content(expectTag(signatureNode, 0x03, 'a BIT STRING signature'));
    // A signature is whole octets; unused bits are a malformed encoding (issue 9).
    if (signatureBits[0] !== 0) throw new DerError('the signature BIT STRING has unused bits');
    parts = {
      // Non-null: expectTag(info, ...) above threw when info was missing.
      info: info!,
      algorithm: decodeOid(expectTag(children(expectTag(algorithmNode, 0x30, 'AlgorithmIdentifier'))[0], 0x06, 'an algorithm OID')),
      signature: signatureBits.subarray(1),
      subject: expectTag(subject, 0x30, 'a subject Name'),
      spki: expectTag(spki, 0x30, 'SubjectPublicKeyInfo'),
      attributes: attributes === undefined ? undefined : expectTag(attributes, 0xa0, 'attributes'),
    };
  } catch (error) {
    throw asInputError(error, 'CSR_MALFORMED', (why) => `cannot read CSR ${source}: not a valid PKCS#10 request (${why}). Give a PEM or DER CSR.`);
  }
  const mlDsa = mlDsaCsrKey(encoded(parts.spki), source);
  if (mlDsa) assertMlDsaCsrSigned(der, mlDsa, source, mlDsaEngine);
  const publicKey = mlDsa ? mlDsa.parameters.name : classicCsrKey(parts, source);
  return {
    subjectDer: encoded(parts.subject),
    subjectNode: parts.subject,
    subjectPublicKeyInfo: encoded(parts.spki),
    publicKey,
    requestedSanDer: parts.attributes ? requestedSan(parts.attributes, source) : undefined,
  };
}

function classicCsrKey(parts: { info: DerNode; algorithm: string; signature: Buffer; spki: DerNode }, source: string): KeyObject {
  const publicKey = csrPublicKey(encoded(parts.spki), source);
  const algorithm = signatureAlgorithmByOid(parts.algorithm);
  // PKCS#1 v1.5 or ECDSA with SHA-256 or stronger: the algorithms the CA itself signs with.
  const digest = algorithm?.isStrong && (algorithm.keyType === 'rsa' || algorithm.keyType === 'ec') ? algorithm.digest : undefined;
  if (digest === undefined) {
    throw new InputError('CSR_UNSUPPORTED_SIGNATURE', `cannot use CSR ${source}: signature algorithm ${parts.algorithm} is not supported. Sign the CSR with SHA-256 or stronger (RSA PKCS#1 v1.5 or ECDSA).`);
  }
  if (!verify(digest, encoded(parts.info), publicKey, parts.signature)) {
    throw new InputError('CSR_SIGNATURE_INVALID', `cannot use CSR ${source}: its signature does not verify, so possession of the key is not proven. Create the CSR again with the workload key.`);
  }
  return publicKey;
}

function csrPublicKey(spki: Buffer, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (error) {
    throw new InputError('CSR_MALFORMED', `cannot read CSR ${source}: its public key cannot be parsed. Create the CSR again.`, { cause: error });
  }
  assertUsableKey(key, `in CSR ${source}`, 'ca');
  return key;
}

/** Finds subjectAltName inside an extensionRequest attribute (RFC 2985 §5.4.2). */
function requestedSan(attributes: DerNode, source: string): Buffer | undefined {
  try {
    for (const attribute of children(attributes)) {
      const [typeNode, values] = children(attribute);
      if (decodeOid(expectTag(typeNode, 0x06, 'an attribute type')) !== OID.extensionRequest) continue;
      const [extensions] = children(expectTag(values, 0x31, 'attribute values'));
      for (const ext of children(expectTag(extensions, 0x30, 'Extensions'))) {
        const fields = children(ext);
        if (decodeOid(expectTag(fields[0], 0x06, 'an extension OID')) === OID.subjectAltName) return content(expectTag(fields[fields.length - 1], 0x04, 'an extension value'));
      }
    }
    return undefined;
  } catch (error) {
    throw asInputError(error, 'CSR_MALFORMED', (why) => `cannot read CSR ${source}: malformed extension request (${why}). Create the CSR again.`);
  }
}
