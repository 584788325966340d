// Certificate attribute mappings of a profile (roles-anywhere.md §4.2): the defaults, and the
// Put (replace a field's rules) and Delete (drop specifiers, or the whole field) rules.

export type CertificateField = 'x509Subject' | 'x509Issuer' | 'x509SAN';
export const CERTIFICATE_FIELDS: readonly CertificateField[] = ['x509Subject', 'x509Issuer', 'x509SAN'];

export interface MappingRule {
  specifier: string;
}

export interface AttributeMapping {
  certificateField: CertificateField;
  mappingRules: MappingRule[];
}

/** The mappings a new profile starts with, in the order the service lists them. */
export function defaultAttributeMappings(): AttributeMapping[] {
  return [
    { certificateField: 'x509Issuer', mappingRules: [{ specifier: '*' }] },
    { certificateField: 'x509SAN', mappingRules: [{ specifier: 'DNS' }, { specifier: 'URI' }, { specifier: 'Name/*' }] },
    { certificateField: 'x509Subject', mappingRules: [{ specifier: '*' }] },
  ];
}

/** `Name` and `Name/` mean every attribute of the directory name, like `Name/*`. */
export function normalizeSpecifier(field: CertificateField, specifier: string): string {
  if (field === 'x509SAN' && (specifier === 'Name' || specifier === 'Name/')) return 'Name/*';
  return specifier;
}

/** PutAttributeMapping: the field's rules are replaced (unverified: the service may merge). */
export function putAttributeMapping(
  mappings: readonly AttributeMapping[],
  field: CertificateField,
  rules: readonly MappingRule[],
): AttributeMapping[] {
  const specifiers = [...new Set(rules.map((r) => normalizeSpecifier(field, r.specifier)))];
  const next = mappings.filter((m) => m.certificateField !== field);
  next.push({ certificateField: field, mappingRules: specifiers.map((specifier) => ({ specifier })) });
  return sortMappings(next);
}

/** DeleteAttributeMapping: removes the given specifiers, or the whole field when none are given. */
export function deleteAttributeMapping(
  mappings: readonly AttributeMapping[],
  field: CertificateField,
  specifiers: readonly string[] | undefined,
): AttributeMapping[] {
  if (specifiers === undefined || specifiers.length === 0) return mappings.filter((m) => m.certificateField !== field);
  const drop = new Set(specifiers.map((s) => normalizeSpecifier(field, s)));
  return mappings.map((m) =>
    m.certificateField === field ? { ...m, mappingRules: m.mappingRules.filter((r) => !drop.has(r.specifier)) } : m,
  );
}

function sortMappings(mappings: AttributeMapping[]): AttributeMapping[] {
  return mappings.sort((a, b) => (a.certificateField < b.certificateField ? -1 : a.certificateField > b.certificateField ? 1 : 0));
}
