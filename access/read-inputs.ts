// Files the policy, setup and doctor commands read: certificates, policy documents and attribute
// mappings, each refused in one clear line when unreadable or malformed.
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { loadCertificates } from '../keys/load-certificates.js';
import { parseCertificate, type ParsedCertificate } from '../x509/parsed-certificate.js';
import { parsePolicyDocument, PolicyDocumentError, type PolicyDocument } from '../trust/index.js';
import { CERTIFICATE_FIELDS, normalizeSpecifier, type AttributeMapping, type CertificateField } from '../roles-anywhere/index.js';

/** Certificates, policies and mapping files are kilobytes. */
export const POLICY_INPUT_MAX_BYTES = 1024 * 1024;

export function readInputText(path: string, what: string): Buffer {
  return readInputFile(path, { what, maxBytes: POLICY_INPUT_MAX_BYTES, todo: 'Check the path' });
}

export function readCertificates(path: string, what: string): ParsedCertificate[] {
  return loadCertificates({ data: readInputText(path, what), source: path, role: what }).map((c) => parseCertificate(Buffer.from(c.raw)));
}

export interface PolicyFile {
  text: string;
  document: PolicyDocument;
}

export function readPolicyFile(path: string, what = 'trust policy'): PolicyFile {
  const text = readInputText(path, what).toString('utf8');
  try {
    return { text, document: parsePolicyDocument(text) };
  } catch (error) {
    if (!(error instanceof PolicyDocumentError)) throw error;
    throw new InputError('POLICY_INVALID', `cannot read ${what} ${path}: ${error.message}. Fix the policy document.`, { cause: error });
  }
}

/**
 * Attribute mappings from `aws rolesanywhere get-profile` output (`{"profile": {...}}`), a
 * profile object, `{"attributeMappings": [...]}` or a bare list.
 */
export function readMappingsFile(path: string): AttributeMapping[] {
  let value: unknown;
  try {
    value = JSON.parse(readInputText(path, 'profile mappings').toString('utf8'));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw mappingsError(path, 'not valid JSON');
  }
  const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const list = Array.isArray(value) ? value : (record(record(value)?.profile)?.attributeMappings ?? record(value)?.attributeMappings);
  if (!Array.isArray(list)) throw mappingsError(path, 'expected a list of {certificateField, mappingRules}');
  return list.map((entry, i) => {
    const field = record(entry)?.certificateField;
    const rules = record(entry)?.mappingRules;
    if (!CERTIFICATE_FIELDS.includes(field as CertificateField)) throw mappingsError(path, `entry ${i}: certificateField must be ${CERTIFICATE_FIELDS.join(', ')}`);
    if (!Array.isArray(rules) || !rules.every((r) => typeof record(r)?.specifier === 'string')) throw mappingsError(path, `entry ${i}: mappingRules must be [{"specifier": "..."}]`);
    return { certificateField: field as CertificateField, mappingRules: rules.map((r) => ({ specifier: normalizeSpecifier(field as CertificateField, String((r as { specifier: string }).specifier)) })) };
  });
}

function mappingsError(path: string, why: string): InputError {
  return new InputError('MAPPINGS_INVALID', `cannot read profile mappings ${path}: ${why}. Pass the output of "aws rolesanywhere get-profile" or a list of attribute mappings.`);
}
