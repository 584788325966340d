// The extension sets the CA issues (roles-anywhere.md §2): Roles Anywhere end entities and CAs.
import { KEY_USAGE } from '../../x509/key-usage.js';
import { authorityKeyIdentifier, basicConstraints, extendedKeyUsage, keyUsage, subjectAltName, subjectKeyIdentifier } from './extensions.js';
import { OID } from './oids.js';
import type { SubjectAltName } from './subject-alt-name.js';

/** End entity: CA:false (critical), digitalSignature (critical), clientAuth, SKI, AKI, SANs. */
export function endEntityExtensions(input: { subjectKeyId: Buffer; authorityKeyId: Buffer; sans: readonly SubjectAltName[] }): Buffer[] {
  const extensions = [
    basicConstraints(false),
    keyUsage(KEY_USAGE.digitalSignature),
    extendedKeyUsage([OID.clientAuth]),
    subjectKeyIdentifier(input.subjectKeyId),
    authorityKeyIdentifier(input.authorityKeyId),
  ];
  if (input.sans.length > 0) extensions.push(subjectAltName(input.sans));
  return extensions;
}

/** CA: CA:true (critical), keyCertSign + cRLSign (critical), SKI, and AKI when issued by another key. */
export function caExtensions(input: { subjectKeyId: Buffer; authorityKeyId?: Buffer }): Buffer[] {
  const extensions = [
    basicConstraints(true),
    keyUsage(KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign),
    subjectKeyIdentifier(input.subjectKeyId),
  ];
  if (input.authorityKeyId) extensions.push(authorityKeyIdentifier(input.authorityKeyId));
  return extensions;
}
