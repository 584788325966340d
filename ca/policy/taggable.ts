// The session-tag rule for issued names (roles-anywhere.md §4.1): every value Roles Anywhere maps
// into a principal tag must be a valid STS tag value, or CreateSession fails for the certificate.
import { RefusedError } from '../../errors.js';
import { untaggableReason } from '../../trust/session-tags.js';
import type { NameAttribute } from '../x509/distinguished-name.js';
import type { SubjectAltName } from '../x509/subject-alt-name.js';

/** Tag name and value pairs Roles Anywhere derives from `attributes` (multiple values joined by `/`). */
function nameTags(prefix: string, attributes: readonly NameAttribute[]): Array<[string, string]> {
  const byType = new Map<string, string[]>();
  for (const { type, value } of attributes) byType.set(type, [...(byType.get(type) ?? []), value]);
  return [...byType].map(([type, values]) => [`${prefix}/${type}`, values.join('/')]);
}

/** The tags a certificate with this subject and these SANs would map to. */
export function mappedTags(subject: readonly NameAttribute[], sans: readonly SubjectAltName[]): Array<[string, string]> {
  const tags = nameTags('x509Subject', subject);
  // Only the first DNS, URI and directoryName SAN are mapped.
  const dns = sans.find((s) => s.type === 'dns');
  const uri = sans.find((s) => s.type === 'uri');
  const dirname = sans.find((s) => s.type === 'dirname');
  if (dns) tags.push(['x509SAN/DNS', dns.value]);
  if (uri) tags.push(['x509SAN/URI', uri.value]);
  if (dirname?.type === 'dirname') tags.push(...nameTags('x509SAN/Name', dirname.name));
  return tags;
}

/** Refuses the first value that cannot become a session tag. */
export function assertTaggable(subject: readonly NameAttribute[], sans: readonly SubjectAltName[], prefix = 'x509Subject'): void {
  const tags = prefix === 'x509Subject' ? mappedTags(subject, sans) : nameTags(prefix, subject);
  for (const [tag, value] of tags) {
    const why = untaggableReason(value);
    if (why !== undefined) {
      throw new RefusedError('UNTAGGABLE_ATTRIBUTE', `refused: ${tag} value ${JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value)} cannot become a Roles Anywhere session tag: ${why}. Change the value or pass --allow-untaggable.`);
    }
  }
}
