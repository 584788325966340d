// Issuance templates: named policies stored in the CA database (`iamra ca template set`).
import { InputError } from '../../errors.js';
import { KEY_TYPES } from '../key-type.js';
import { ATTRIBUTE_TYPES, parseDistinguishedName, type AttributeType, type NameAttribute } from '../x509/distinguished-name.js';
import { parseDurationSeconds } from '../x509/duration.js';

/** A validated template. */
export interface Template {
  name: string;
  description?: string;
  /** Attributes added when the request lacks that attribute type, before the requested ones. */
  subjectDefaults: NameAttribute[];
  /** Attribute types that must be present after defaults are applied. */
  requiredAttributes: AttributeType[];
  /** `type:glob` patterns (`*` matches any run of characters); undefined allows any SAN, [] none. */
  sanPatterns?: string[];
  /** Allowed key types (e.g. `ec-p256`); undefined allows any. */
  keyTypes?: string[];
  maxValiditySeconds?: number;
  defaultValiditySeconds?: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const KEYS = new Set(['description', 'subjectDefaults', 'requiredAttributes', 'sanPatterns', 'keyTypes', 'maxValidity', 'defaultValidity']);

function fail(name: string, why: string): never {
  throw new InputError('TEMPLATE_INVALID', `invalid template ${name}: ${why}. Fix the template file (see docs/ca.md).`);
}

function stringList(name: string, value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) fail(name, `${field} must be an array of strings`);
  return value as string[];
}

/** Parses and validates the JSON body of a template. */
export function parseTemplate(name: string, body: string): Template {
  if (!NAME.test(name)) fail(JSON.stringify(name), 'names are 1-64 letters, digits, _, . or -');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    fail(name, 'not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) fail(name, 'the template must be a JSON object');
  const raw = json as Record<string, unknown>;
  const unknown = Object.keys(raw).find((k) => !KEYS.has(k));
  if (unknown) fail(name, `unknown field ${JSON.stringify(unknown)} (allowed: ${[...KEYS].join(', ')})`);
  if (raw.description !== undefined && typeof raw.description !== 'string') fail(name, 'description must be a string');
  const defaults = raw.subjectDefaults;
  if (defaults !== undefined && typeof defaults !== 'string') fail(name, 'subjectDefaults must be a subject string like "O=Example,OU=Workloads"');
  const required = stringList(name, raw.requiredAttributes, 'requiredAttributes') ?? [];
  const badType = required.find((t) => !(ATTRIBUTE_TYPES as string[]).includes(t));
  if (badType) fail(name, `requiredAttributes: unknown attribute ${badType}`);
  const keyTypes = stringList(name, raw.keyTypes, 'keyTypes');
  const badKey = keyTypes?.find((k) => !(KEY_TYPES as readonly string[]).includes(k) && k !== 'ec-p521');
  if (badKey) fail(name, `keyTypes: unknown key type ${badKey}`);
  const sanPatterns = stringList(name, raw.sanPatterns, 'sanPatterns');
  const badSan = sanPatterns?.find((p) => !/^(dns|uri|email|ip|dirname):./.test(p));
  if (badSan) fail(name, `sanPatterns: ${JSON.stringify(badSan)} must start with dns:, uri:, email:, ip: or dirname:`);
  const duration = (field: string): number | undefined => {
    const v = raw[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || !/^\d+[smhdwy]$/.test(v)) fail(name, `${field} must be a duration like "30d", "12h" or "1y"`);
    return parseDurationSeconds(v, field);
  };
  const template: Template = {
    name,
    description: raw.description as string | undefined,
    subjectDefaults: defaults === undefined ? [] : parseDistinguishedName(defaults as string),
    requiredAttributes: required as AttributeType[],
    sanPatterns,
    keyTypes,
    maxValiditySeconds: duration('maxValidity'),
    defaultValiditySeconds: duration('defaultValidity'),
  };
  if (template.maxValiditySeconds !== undefined && (template.defaultValiditySeconds ?? 0) > template.maxValiditySeconds) fail(name, 'defaultValidity is longer than maxValidity');
  return template;
}
