// Lints a Roles Anywhere role trust policy (roles-anywhere.md §4.2, §4.4): what lets more
// certificates in than the author meant, or conditions that can never match.
import { CERTIFICATE_FIELDS, defaultAttributeMappings, type AttributeMapping } from '../../roles-anywhere/attribute-mappings.js';
import { SHORT_NAMES } from '../../x509/distinguished-name.js';
import { ROLES_ANYWHERE_PRINCIPAL } from './evaluate-trust-policy.js';
import { isPattern } from './build-trust-policy.js';
import type { ConditionClause, PolicyDocument, PolicyStatement } from './policy-document.js';

export type LintCode = 'MISSING_SOURCE_ARN' | 'SOURCE_ARN_WILDCARD' | 'NEGATIVE_CONDITION_ON_OPTIONAL_TAG' | 'TAG_NEVER_MAPPED' | 'ADMITS_EVERY_CERTIFICATE';

export interface LintFinding {
  code: LintCode;
  statement: number;
  /** The condition key concerned, when there is one. */
  key?: string;
  message: string;
}

const TAG_PREFIXES = ['aws:principaltag/', 'aws:requesttag/'];
const CERTIFICATE_KEYS = ['sts:sourceidentity', 'sts:rolesessionname'];
const KNOWN_NAMES = new Set([...SHORT_NAMES.values()].map((n) => n.toLowerCase()));

export function lintTrustPolicy(policy: PolicyDocument, mappings: readonly AttributeMapping[] = defaultAttributeMappings()): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const statement of policy.statements) {
    for (const clause of statement.conditions) {
      const tagKey = tagKeyOf(clause.key);
      if (tagKey !== undefined && !isProduced(tagKey, mappings)) {
        findings.push({ code: 'TAG_NEVER_MAPPED', statement: statement.index, key: clause.key, message: `${clause.key}: the attribute mappings never produce tag ${tagKey}, so this condition sees a missing key` });
      }
    }
    if (statement.effect === 'Allow' && admitsRolesAnywhere(statement)) findings.push(...lintAllow(statement));
  }
  return findings;
}

function lintAllow(statement: PolicyStatement): LintFinding[] {
  const findings: LintFinding[] = [];
  const index = statement.index;
  const sourceArn = statement.conditions.filter((c) => c.key.toLowerCase() === 'aws:sourcearn' && !isNegated(c.operator));
  if (sourceArn.length === 0) {
    findings.push({ code: 'MISSING_SOURCE_ARN', statement: index, message: 'no aws:SourceArn condition: every trust anchor of the account can be used to assume the role' });
  } else if (sourceArn.some((c) => baseOperator(c.operator).includes('Like') && c.values.some(isPattern))) {
    findings.push({ code: 'SOURCE_ARN_WILDCARD', statement: index, key: 'aws:SourceArn', message: 'the aws:SourceArn pattern can match more than one trust anchor: bind the role to one anchor ARN with ArnEquals' });
  }
  for (const clause of statement.conditions) {
    if (tagKeyOf(clause.key) === undefined || !isNegated(clause.operator) || requiresPresence(statement, clause.key)) continue;
    findings.push({
      code: 'NEGATIVE_CONDITION_ON_OPTIONAL_TAG',
      statement: index,
      key: clause.key,
      message: `${clause.operator} on ${clause.key} passes when the tag is absent (an unmapped or untaggable value is dropped); add "Null": {"${clause.key}": "false"} or use a positive condition`,
    });
  }
  if (!statement.conditions.some(constrainsCertificate)) {
    findings.push({ code: 'ADMITS_EVERY_CERTIFICATE', statement: index, message: 'no condition narrows the certificate (principal tags or source identity): every certificate the trust anchor accepts can assume the role' });
  }
  return findings;
}

function admitsRolesAnywhere(statement: PolicyStatement): boolean {
  const principal = statement.principal;
  return principal !== undefined && (principal.isAnyone || principal.services.includes(ROLES_ANYWHERE_PRINCIPAL));
}

function baseOperator(operator: string): string {
  return operator.replace(/^For(Any|All)Values:/, '').replace(/IfExists$/, '');
}

function isNegated(operator: string): boolean {
  return /Not/.test(baseOperator(operator));
}

/** A positive, non-IfExists condition on a certificate-derived key whose values are not all `*`. */
function constrainsCertificate(clause: ConditionClause): boolean {
  const key = clause.key.toLowerCase();
  const isCertificateKey = tagKeyOf(clause.key) !== undefined || CERTIFICATE_KEYS.includes(key);
  if (!isCertificateKey || isNegated(clause.operator) || clause.operator.endsWith('IfExists') || clause.operator === 'Null') return false;
  if (clause.operator.startsWith('ForAllValues:')) return false;
  const isLike = baseOperator(clause.operator).includes('Like');
  return !(isLike && clause.values.every((v) => /^\**$/.test(v)));
}

function requiresPresence(statement: PolicyStatement, key: string): boolean {
  return statement.conditions.some((c) => c.operator === 'Null' && c.key.toLowerCase() === key.toLowerCase() && c.values.every((v) => v.toLowerCase() === 'false'));
}

/** `x509Subject/CN` of `aws:PrincipalTag/x509Subject/CN`, or undefined for other keys. */
function tagKeyOf(key: string): string | undefined {
  const lower = key.toLowerCase();
  const prefix = TAG_PREFIXES.find((p) => lower.startsWith(p));
  return prefix === undefined ? undefined : key.slice(prefix.length);
}

/** Whether the mappings can produce this tag key (condition keys compare case-insensitively). */
function isProduced(tagKey: string, mappings: readonly AttributeMapping[]): boolean {
  const [fieldName, ...rest] = tagKey.split('/');
  const field = CERTIFICATE_FIELDS.find((f) => f.toLowerCase() === fieldName?.toLowerCase());
  const specifiers = mappings.find((m) => m.certificateField === field)?.mappingRules.map((r) => r.specifier.toLowerCase()) ?? [];
  const name = rest.join('/').toLowerCase();
  if (field === undefined || specifiers.length === 0) return false;
  if (field !== 'x509SAN') return KNOWN_NAMES.has(name) && (specifiers.includes('*') || specifiers.includes(name));
  if (name === 'dns' || name === 'uri') return specifiers.includes(name);
  if (!name.startsWith('name/')) return false;
  return KNOWN_NAMES.has(name.slice(5)) && (specifiers.includes('name/*') || specifiers.includes(name));
}
