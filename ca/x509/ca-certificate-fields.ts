// The TBSCertificate fields the CA checks (RFC 5280 §4.1): x509/'s certificate reading, in the CA's terms.
import { parseCertificateFields } from '../../x509/certificate-fields.js';
import type { DerNode } from '../../x509/der-reader.js';
import { EXTENSION_OID } from '../../x509/oids.js';
import { wholeBytesHex } from './serial-number.js';

export interface CaCertificateFields {
  /** Lower-case hex of the serial's magnitude in whole bytes, as the store keeps serials. */
  serialHex: string;
  issuerDer: Buffer;
  subjectDer: Buffer;
  subjectNode: DerNode;
  subjectPublicKeyInfo: Buffer;
  notBefore: Date;
  notAfter: Date;
  /** Whether basicConstraints says cA TRUE. */
  isCa: boolean;
  /** keyUsage as the first byte of the BIT STRING (0x80 digitalSignature, 0x04 keyCertSign), if present. */
  keyUsageByte?: number;
  subjectKeyId?: Buffer;
  /** extnValue of subjectAltName, if present. */
  sanDer?: Buffer;
}

/** keyUsage bits (bit 0 = digitalSignature) back to the first octet of the BIT STRING. */
function firstKeyUsageOctet(bits: number): number {
  let octet = 0;
  for (let bit = 0; bit < 8; bit++) if (bits & (1 << bit)) octet |= 0x80 >> bit;
  return octet;
}

/** Throws DerError on malformed input; callers turn that into an InputError. */
export function readCaCertificateFields(der: Buffer): CaCertificateFields {
  const read = parseCertificateFields(der);
  const sanDer = read.extensions.get(EXTENSION_OID.subjectAltName);
  return {
    serialHex: wholeBytesHex(read.serialHex),
    issuerDer: read.issuerDer,
    subjectDer: read.subjectDer,
    subjectNode: read.subjectNode,
    subjectPublicKeyInfo: read.subjectPublicKeyInfo,
    notBefore: read.notBefore,
    notAfter: read.notAfter,
    isCa: read.basicConstraints?.isCa ?? false,
    ...(read.keyUsage === undefined ? {} : { keyUsageByte: firstKeyUsageOctet(read.keyUsage) }),
    ...(read.subjectKeyId === undefined ? {} : { subjectKeyId: read.subjectKeyId }),
    ...(sanDer === undefined ? {} : { sanDer }),
  };
}
