// Writes a role trust policy for Roles Anywhere (roles-anywhere.md §4.4): the service principal,
// the three actions it needs, aws:SourceArn bound to the trust anchor, and one condition per
// principal-tag match (StringEquals for a value, StringLike for a pattern).
import { REQUIRED_ACTIONS, ROLES_ANYWHERE_PRINCIPAL } from './evaluate-trust-policy.js';
import type { ConditionClause } from './policy-document.js';

/** A `--match` of the CLI: a principal tag key (`x509Subject/CN`) and a value or `*`/`?` pattern. */
export interface TagMatch {
  tagKey: string;
  value: string;
}

export interface TrustPolicyInput {
  trustAnchorArn: string;
  /** Values for one tag key are alternatives (any may match); different keys must all match. */
  matches?: readonly TagMatch[];
  /** Accepted source identities (`CN=web-1`, or patterns). */
  sourceIdentities?: readonly string[];
  /** Further conditions, e.g. derived from an issuance template. */
  conditions?: readonly ConditionClause[];
}

const TAG_KEY = /^(x509Subject\/[A-Za-z][A-Za-z0-9]*|x509Issuer\/[A-Za-z][A-Za-z0-9]*|x509SAN\/(DNS|URI|Name\/[A-Za-z][A-Za-z0-9]*))$/;

/** Whether a tag key is one Roles Anywhere can produce (roles-anywhere.md §4.1). */
export function isPrincipalTagKey(key: string): boolean {
  return TAG_KEY.test(key);
}

export function isPattern(value: string): boolean {
  return value.includes('*') || value.includes('?');
}

/** The trust policy document, ready for JSON.stringify. */
export function buildTrustPolicy(input: TrustPolicyInput): Record<string, unknown> {
  const clauses: ConditionClause[] = [{ operator: 'ArnEquals', key: 'aws:SourceArn', values: [input.trustAnchorArn] }];
  const byKey = new Map<string, string[]>();
  for (const match of input.matches ?? []) byKey.set(match.tagKey, [...(byKey.get(match.tagKey) ?? []), match.value]);
  for (const [tagKey, values] of byKey) clauses.push(valueCondition(`aws:PrincipalTag/${tagKey}`, values));
  if (input.sourceIdentities?.length) clauses.push(valueCondition('sts:SourceIdentity', [...input.sourceIdentities]));
  clauses.push(...(input.conditions ?? []));
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'RolesAnywhere',
        Effect: 'Allow',
        Principal: { Service: ROLES_ANYWHERE_PRINCIPAL },
        Action: [...REQUIRED_ACTIONS],
        Condition: conditionBlock(clauses),
      },
    ],
  };
}

/** StringLike when any value is a pattern (StringLike matches plain values exactly too). */
export function valueCondition(key: string, values: string[], suffix = ''): ConditionClause {
  return { operator: `${values.some(isPattern) ? 'StringLike' : 'StringEquals'}${suffix}`, key, values };
}

function conditionBlock(clauses: readonly ConditionClause[]): Record<string, Record<string, string | string[]>> {
  const block: Record<string, Record<string, string | string[]>> = {};
  for (const clause of clauses) {
    const operator = (block[clause.operator] ??= {});
    const existing = operator[clause.key];
    const values = existing === undefined ? clause.values : [...(Array.isArray(existing) ? existing : [existing]), ...clause.values];
    // Non-null: values.length === 1 is checked in the same expression.
    operator[clause.key] = values.length === 1 ? values[0]! : values;
  }
  return block;
}
