// Trust-policy conditions from an issuance template (issue 12): what every certificate issued
// under the template carries, as principal-tag conditions, so a template and its role are written
// once. Subject defaults become StringEquals; the template's SAN patterns become StringLike on the
// first DNS and URI SAN (IfExists: the template does not require a SAN); required attributes must
// be present (Null false); a template that allows no SANs requires their tags to be absent.
import { valueCondition, type ConditionClause } from '../../trust/index.js';
import type { Template } from './template.js';

export interface TemplateConditions {
  conditions: ConditionClause[];
  /** What the policy assumes about issuance, for the user to read. */
  notes: string[];
}

export function templateTrustConditions(template: Template): TemplateConditions {
  const conditions: ConditionClause[] = [];
  const notes: string[] = [];
  const defaults = new Map<string, string[]>();
  for (const attribute of template.subjectDefaults) defaults.set(attribute.shortName, [...(defaults.get(attribute.shortName) ?? []), attribute.value]);
  for (const [type, values] of defaults) {
    // Several values of one attribute are joined with '/' into one tag (roles-anywhere.md §4.1).
    conditions.push({ operator: 'StringEquals', key: `aws:PrincipalTag/x509Subject/${type}`, values: [values.join('/')] });
  }
  if (defaults.size > 0) notes.push(`subject defaults ${[...defaults.keys()].join(', ')} are matched exactly: a certificate issued with its own value for one of them is not admitted`);
  const required = template.requiredAttributes.filter((type) => !defaults.has(type));
  for (const type of required) conditions.push({ operator: 'Null', key: `aws:PrincipalTag/x509Subject/${type}`, values: ['false'] });
  conditions.push(...sanConditions(template, notes));
  return { conditions, notes };
}

function sanConditions(template: Template, notes: string[]): ConditionClause[] {
  if (template.sanPatterns === undefined) return [];
  if (template.sanPatterns.length === 0) {
    return [{ operator: 'Null', key: 'aws:PrincipalTag/x509SAN/DNS', values: ['true'] }, { operator: 'Null', key: 'aws:PrincipalTag/x509SAN/URI', values: ['true'] }];
  }
  const clauses: ConditionClause[] = [];
  for (const [type, tag] of [['dns', 'DNS'], ['uri', 'URI']] as const) {
    const patterns = template.sanPatterns.filter((p) => p.startsWith(`${type}:`)).map((p) => p.slice(type.length + 1));
    if (patterns.length === 0) {
      clauses.push({ operator: 'Null', key: `aws:PrincipalTag/x509SAN/${tag}`, values: ['true'] });
      continue;
    }
    clauses.push(valueCondition(`aws:PrincipalTag/x509SAN/${tag}`, patterns, 'IfExists'));
  }
  notes.push('SAN patterns compare case-sensitively in IAM (the template compares them ignoring case): issue SANs in lower case');
  return clauses;
}
