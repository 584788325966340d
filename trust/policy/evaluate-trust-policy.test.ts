// The trust-policy evaluator (roles-anywhere.md §4.4): effects, principal, the three required
// actions, condition operators, set qualifiers, IfExists and missing keys, and the explanation.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './condition-operators.js';
import { evaluateTrustPolicy } from './evaluate-trust-policy.js';
import { explainDecision } from './explain-decision.js';
import { parsePolicyDocument, PolicyDocumentError } from './policy-document.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/1111';
const context = {
  'aws:SourceArn': ANCHOR,
  'aws:SourceAccount': '123456789012',
  'aws:PrincipalTag/x509Subject/CN': 'alice',
  'aws:PrincipalTag/x509Subject/OU': 'Security/Engineering',
  'sts:SourceIdentity': 'CN=alice',
  'aws:TagKeys': ['x509Subject/CN', 'x509Subject/OU'],
};
const ctx = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));

function allow(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], ...extra };
}

const decide = (...statements: unknown[]) => evaluateTrustPolicy(parsePolicyDocument({ Version: '2012-10-17', Statement: statements }), { context });

describe('evaluateTrustPolicy', () => {
  it('allows when one statement grants the service all three actions', () => {
    expect(decide(allow()).isAllowed).toBe(true);
  });

  it('needs all three actions, in one statement or several', () => {
    expect(decide(allow({ Action: ['sts:AssumeRole', 'sts:TagSession'] })).isAllowed).toBe(false);
    expect(decide(allow({ Action: ['sts:AssumeRole', 'sts:SetSourceIdentity'] }), allow({ Action: 'sts:TagSession' })).isAllowed).toBe(true);
    expect(decide(allow({ Action: 'sts:*' })).isAllowed).toBe(true);
  });

  it('needs the Roles Anywhere service principal', () => {
    expect(decide(allow({ Principal: { Service: 'ec2.amazonaws.com' } })).isAllowed).toBe(false);
    expect(decide(allow({ Principal: { AWS: 'arn:aws:iam::123456789012:root' } })).isAllowed).toBe(false);
    expect(decide(allow({ Principal: '*' })).isAllowed).toBe(true);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const decision = decide(allow(), { Effect: 'Deny', Principal: '*', Action: 'sts:TagSession', Condition: { StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'a*' } } });
    expect(decision.isAllowed).toBe(false);
    expect(explainDecision(decision)).toContain('sts:TagSession: explicitly denied by statement 1');
  });

  it('evaluates ArnEquals on aws:SourceArn and StringEquals on aws:SourceAccount', () => {
    expect(decide(allow({ Condition: { ArnEquals: { 'aws:SourceArn': ANCHOR }, StringEquals: { 'aws:SourceAccount': '123456789012' } } })).isAllowed).toBe(true);
    expect(decide(allow({ Condition: { ArnEquals: { 'aws:SourceArn': `${ANCHOR}2` } } })).isAllowed).toBe(false);
  });

  it('explains which condition failed', () => {
    const decision = decide(allow({ Sid: 'TagsOnly', Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'bob' } } }));
    expect(explainDecision(decision)).toEqual([
      'sts:AssumeRole: implicitly denied (no Allow statement applies)',
      '  statement 0 (Sid "TagsOnly"): StringEquals aws:PrincipalTag/x509Subject/CN ["bob"] not met (request has "alice")',
      'sts:TagSession: implicitly denied (no Allow statement applies)',
      '  statement 0 (Sid "TagsOnly"): StringEquals aws:PrincipalTag/x509Subject/CN ["bob"] not met (request has "alice")',
      'sts:SetSourceIdentity: implicitly denied (no Allow statement applies)',
      '  statement 0 (Sid "TagsOnly"): StringEquals aws:PrincipalTag/x509Subject/CN ["bob"] not met (request has "alice")',
    ]);
  });

  it('rejects documents IAM would reject', () => {
    expect(() => parsePolicyDocument({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] })).toThrow(PolicyDocumentError);
    expect(() => parsePolicyDocument({ Statement: [allow({ Condition: { StringSortOf: { k: 'v' } } })] })).toThrow(/unsupported condition operator/);
    expect(() => parsePolicyDocument('{not json')).toThrow(/not valid JSON/);
  });
});

describe('evaluateCondition', () => {
  it.each([
    ['StringEquals', 'aws:PrincipalTag/x509Subject/CN', ['bob', 'alice'], true],
    ['StringEquals', 'AWS:PRINCIPALTAG/x509subject/cn', ['alice'], true],
    ['StringEquals', 'aws:PrincipalTag/x509Subject/CN', ['Alice'], false],
    ['StringEqualsIgnoreCase', 'aws:PrincipalTag/x509Subject/CN', ['ALICE'], true],
    ['StringNotEquals', 'aws:PrincipalTag/x509Subject/CN', ['bob'], true],
    ['StringNotEquals', 'aws:PrincipalTag/x509Subject/CN', ['bob', 'alice'], false],
    ['StringLike', 'aws:PrincipalTag/x509Subject/OU', ['Security/*'], true],
    ['StringLike', 'aws:PrincipalTag/x509Subject/CN', ['al?ce'], true],
    ['StringNotLike', 'aws:PrincipalTag/x509Subject/CN', ['a*'], false],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:rolesanywhere:*:123456789012:trust-anchor/*'], true],
    ['ArnLike', 'aws:SourceArn', ['arn:aws:rolesanywhere:*:999999999999:trust-anchor/*'], false],
    ['ArnNotEquals', 'aws:SourceArn', [ANCHOR], false],
    ['StringEquals', 'sts:SourceIdentity', ['CN=${aws:PrincipalTag/x509Subject/CN}'], true],
  ])('%s %s %j -> %s', (operator, key, values, expected) => {
    expect(evaluateCondition(operator, key, values, ctx)).toBe(expected);
  });

  it.each([
    ['StringEquals', false],
    ['StringLike', false],
    ['ArnEquals', false],
    ['StringNotEquals', true],
    ['StringNotLike', true],
    ['StringEqualsIfExists', true],
    ['ForAnyValue:StringEquals', false],
    ['ForAllValues:StringEquals', true],
  ])('a missing key under %s evaluates to %s', (operator, expected) => {
    expect(evaluateCondition(operator, 'aws:PrincipalTag/x509SAN/DNS', ['x'], ctx)).toBe(expected);
  });

  it('applies the set qualifiers to multi-valued keys', () => {
    expect(evaluateCondition('ForAllValues:StringLike', 'aws:TagKeys', ['x509Subject/*'], ctx)).toBe(true);
    expect(evaluateCondition('ForAllValues:StringEquals', 'aws:TagKeys', ['x509Subject/CN'], ctx)).toBe(false);
    expect(evaluateCondition('ForAnyValue:StringEquals', 'aws:TagKeys', ['x509Subject/CN'], ctx)).toBe(true);
  });

  it('checks presence with Null', () => {
    expect(evaluateCondition('Null', 'aws:PrincipalTag/x509SAN/DNS', ['true'], ctx)).toBe(true);
    expect(evaluateCondition('Null', 'sts:SourceIdentity', ['true'], ctx)).toBe(false);
  });
});
