// Principal tags from an end-entity certificate and a profile's attribute mappings
// (roles-anywhere.md §4.1-4.2): subject and issuer RDNs, the first DNS, URI and directoryName
// SAN, multiple values joined with '/' in certificate order, STS session-tag limits.
import type { AttributeMapping, CertificateField } from './attribute-mappings.js';
import { MAX_SESSION_TAGS } from './service-limits.js';
import { untaggableReason } from './session-tags.js';
import type { NameAttribute } from '../x509/distinguished-name.js';
import type { GeneralName } from '../x509/general-names.js';

export interface CertificateAttributes {
  subject: readonly NameAttribute[];
  issuer: readonly NameAttribute[];
  subjectAltNames: readonly GeneralName[];
}

/** What to do with a value that cannot be a session tag: the service fails the call (observed). */
export type UntaggablePolicy = 'fail' | 'drop';

export interface UntaggableAttribute {
  field: CertificateField;
  /** The specifier it came from, e.g. `CN` or `Name/CN`. */
  name: string;
  reason: string;
}

export interface PrincipalTags {
  /** Tag key (`x509Subject/CN`) to value, in mapping order. */
  tags: Map<string, string>;
  untaggable: UntaggableAttribute[];
  /** Set when more tags were derived than STS accepts. */
  tooMany: boolean;
}

/** One value a mapping selects, before the session-tag rules are applied. */
export interface MappedAttribute {
  field: CertificateField;
  /** The specifier it came from, e.g. `CN` or `Name/CN`. */
  name: string;
  value: string;
}

/** Every (field, name, value) the mappings select, in mapping order. */
export function mapCertificateAttributes(certificate: CertificateAttributes, mappings: readonly AttributeMapping[]): MappedAttribute[] {
  return mappings.flatMap((mapping) =>
    [...fieldValues(certificate, mapping)].map(([name, value]) => ({ field: mapping.certificateField, name, value })),
  );
}

export function derivePrincipalTags(
  certificate: CertificateAttributes,
  mappings: readonly AttributeMapping[],
  policy: UntaggablePolicy = 'fail',
): PrincipalTags {
  const tags = new Map<string, string>();
  const untaggable: UntaggableAttribute[] = [];
  for (const { field, name, value } of mapCertificateAttributes(certificate, mappings)) {
    const reason = untaggableReason(value);
    if (reason === undefined) tags.set(`${field}/${name}`, value);
    else untaggable.push({ field, name, reason });
  }
  return { tags, untaggable: policy === 'drop' ? [] : untaggable, tooMany: tags.size > MAX_SESSION_TAGS };
}

/** The (name, value) pairs a field's rules select. */
function fieldValues(certificate: CertificateAttributes, mapping: AttributeMapping): Map<string, string> {
  const specifiers = mapping.mappingRules.map((r) => r.specifier);
  if (mapping.certificateField === 'x509Subject') return selectAttributes(certificate.subject, specifiers, '');
  if (mapping.certificateField === 'x509Issuer') return selectAttributes(certificate.issuer, specifiers, '');
  return sanValues(certificate.subjectAltNames, specifiers);
}

function sanValues(names: readonly GeneralName[], specifiers: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const dns = names.find((n) => n.type === 'dns');
  const uri = names.find((n) => n.type === 'uri');
  const directory = names.find((n) => n.type === 'directoryName');
  if (dns && specifiers.includes('DNS')) result.set('DNS', dns.value);
  if (uri && specifiers.includes('URI')) result.set('URI', uri.value);
  if (directory) {
    const nameSpecifiers = specifiers.filter((s) => s.startsWith('Name/')).map((s) => s.slice('Name/'.length));
    for (const [key, value] of selectAttributes(directory.attributes, nameSpecifiers, 'Name/')) result.set(key, value);
  }
  return result;
}

/** Groups recognised attributes by short name (values joined with '/'), keeping those selected. */
function selectAttributes(attributes: readonly NameAttribute[], specifiers: readonly string[], prefix: string): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const attribute of attributes) {
    if (attribute.shortName === undefined) continue;
    const list = grouped.get(attribute.shortName) ?? [];
    list.push(attribute.value);
    grouped.set(attribute.shortName, list);
  }
  const all = specifiers.includes('*');
  const result = new Map<string, string>();
  for (const [name, values] of grouped) {
    if (all || specifiers.includes(name)) result.set(`${prefix}${name}`, values.join('/'));
  }
  return result;
}
