// The principal tags a certificate yields with the default attribute mapping (roles-anywhere.md
// §4.1), as `key=value` lines for the hint of an "Unable to assume role" refusal. Values that STS
// would refuse are listed too: they are usually why the call was refused.
import { defaultAttributeMappings, type AttributeMapping, type CertificateField } from './attribute-mappings.js';
import { mapCertificateAttributes, type CertificateAttributes } from './principal-tags.js';

/** Subject first, then issuer, then SAN: the order a person reads a certificate in. */
const READING_ORDER: readonly CertificateField[] = ['x509Subject', 'x509Issuer', 'x509SAN'];

function inReadingOrder(mappings: readonly AttributeMapping[]): AttributeMapping[] {
  return [...mappings].sort((a, b) => READING_ORDER.indexOf(a.certificateField) - READING_ORDER.indexOf(b.certificateField));
}

export function certificateTags(certificate: CertificateAttributes): string[] {
  return mapCertificateAttributes(certificate, inReadingOrder(defaultAttributeMappings())).map((a) => `${a.field}/${a.name}=${a.value}`);
}
