// Trust-policy lint rules (issue 12), table-driven on parsed policies.
import { describe, expect, it } from 'vitest';
import { defaultAttributeMappings } from '../../roles-anywhere/attribute-mappings.js';
import { lintTrustPolicy } from './lint-trust-policy.js';
import { parsePolicyDocument } from './policy-document.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/11111111-2222-3333-4444-555555555555';
const lint = (condition: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  lintTrustPolicy(parsePolicyDocument({ Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: 'sts:*', Condition: { ArnEquals: { 'aws:SourceArn': ANCHOR }, ...condition }, ...extra }] }), defaultAttributeMappings()).map((f) => f.code);

describe('lintTrustPolicy', () => {
  it.each([
    ['x509Subject/CN', []],
    ['X509SUBJECT/cn', []],
    ['x509Issuer/O', []],
    ['x509SAN/DNS', []],
    ['x509SAN/URI', []],
    ['x509SAN/Name/CN', []],
    ['x509SAN/IP', ['TAG_NEVER_MAPPED']],
    ['x509SAN/Email', ['TAG_NEVER_MAPPED']],
    ['x509Subject/Colour', ['TAG_NEVER_MAPPED']],
    ['x509Subjects/CN', ['TAG_NEVER_MAPPED']],
  ])('a condition on aws:PrincipalTag/%s -> %j', (tag, codes) => {
    expect(lint({ StringEquals: { [`aws:PrincipalTag/${tag}`]: 'v', 'sts:SourceIdentity': 'CN=v' } })).toEqual(codes);
  });

  it.each([
    ['StringNotEquals', ['NEGATIVE_CONDITION_ON_OPTIONAL_TAG']],
    ['StringNotLike', ['NEGATIVE_CONDITION_ON_OPTIONAL_TAG']],
    ['StringNotEqualsIfExists', ['NEGATIVE_CONDITION_ON_OPTIONAL_TAG']],
    ['ForAnyValue:StringNotLike', ['NEGATIVE_CONDITION_ON_OPTIONAL_TAG']],
    ['StringEquals', []],
  ])('%s on an optional tag -> %j', (operator, codes) => {
    expect(lint({ StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web' }, [operator]: { 'aws:PrincipalTag/x509Subject/OU': 'X' } })).toEqual(codes);
  });

  it.each([
    [{ StringLike: { 'aws:PrincipalTag/x509Subject/CN': '*' } }, ['ADMITS_EVERY_CERTIFICATE']],
    [{ StringLikeIfExists: { 'aws:PrincipalTag/x509Subject/CN': 'web-*' } }, ['ADMITS_EVERY_CERTIFICATE']],
    [{ Null: { 'aws:PrincipalTag/x509Subject/CN': 'false' } }, ['ADMITS_EVERY_CERTIFICATE']],
    [{ StringLike: { 'aws:PrincipalTag/x509Subject/CN': 'web-*' } }, []],
    [{ StringEquals: { 'sts:SourceIdentity': 'CN=web-1' } }, []],
  ])('%j narrows the certificate or not -> %j', (condition, codes) => {
    expect(lint(condition)).toEqual(codes);
  });

  it('does not lint the Allow rules on a Deny statement or another principal', () => {
    expect(lint({}, { Effect: 'Deny' })).toEqual([]);
    expect(lint({}, { Principal: { Service: 'ec2.amazonaws.com' } })).toEqual([]);
  });
});
