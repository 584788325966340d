// PKCS#10 request encoder (RFC 2986 §4.1), used by `ca init --intermediate` for the CA's own key.
import { implicitConstructed, oid, sequence, setOf, smallInteger } from '../../x509/der-writer.js';
import { OID } from './oids.js';

export interface CsrInfoInput {
  subjectDer: Buffer;
  subjectPublicKeyInfo: Buffer;
  /** Extensions to request (extensionRequest attribute); none when empty. */
  extensions: readonly Buffer[];
}

/** CertificationRequestInfo with an extensionRequest attribute, ready to be signed. */
export function encodeCsrInfo(input: CsrInfoInput): Buffer {
  const attributes = input.extensions.length === 0
    ? []
    : [sequence(oid(OID.extensionRequest), setOf(sequence(...input.extensions)))];
  return sequence(smallInteger(0), input.subjectDer, input.subjectPublicKeyInfo, implicitConstructed(0, Buffer.concat(attributes)));
}

