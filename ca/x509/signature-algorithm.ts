// Signature algorithm for a CA key (RFC 5480 §3, RFC 4055 §5): ECDSA with the curve's hash, RSA with SHA-256.
import type { KeyObject } from 'node:crypto';
import { nullValue, oid, sequence } from '../../x509/der-writer.js';
import { OID } from './oids.js';

export interface SignatureAlgorithm {
  /** AlgorithmIdentifier DER. */
  identifier: Buffer;
  digest: 'sha256' | 'sha384' | 'sha512';
  name: string;
}

const EC_BY_CURVE: Readonly<Record<string, [string, SignatureAlgorithm['digest'], string]>> = {
  prime256v1: [OID.ecdsaWithSha256, 'sha256', 'ecdsa-with-SHA256'],
  secp384r1: [OID.ecdsaWithSha384, 'sha384', 'ecdsa-with-SHA384'],
  secp521r1: [OID.ecdsaWithSha512, 'sha512', 'ecdsa-with-SHA512'],
};

export function signatureAlgorithmFor(key: KeyObject): SignatureAlgorithm {
  if (key.asymmetricKeyType === 'rsa') {
    // RSA algorithm identifiers carry an explicit NULL parameter (RFC 4055 §5).
    return { identifier: sequence(oid(OID.sha256WithRsa), nullValue()), digest: 'sha256', name: 'sha256WithRSAEncryption' };
  }
  const curve = key.asymmetricKeyDetails?.namedCurve ?? '';
  const entry = EC_BY_CURVE[curve];
  if (!entry) throw new TypeError(`signatureAlgorithmFor: unsupported key ${key.asymmetricKeyType} ${curve}`);
  // ECDSA algorithm identifiers have absent parameters (RFC 5758 §3.2).
  return { identifier: sequence(oid(entry[0])), digest: entry[1], name: entry[2] };
}
