// The STS session-policy limits at CreateSession (roles-anywhere.md §9): one pure check.
import { describe, expect, it } from 'vitest';
import { checkSessionPolicyLimits, isWellFormedPolicyArn, MAX_SESSION_POLICY_CHARACTERS } from './session-policy-limits.js';

const policyOf = (length: number) => {
  const base = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::"}]}';
  return base.replace('arn:aws:s3:::', `arn:aws:s3:::${'b'.repeat(length - base.length)}`);
};
const codes = (input: Parameters<typeof checkSessionPolicyLimits>[0]) => checkSessionPolicyLimits(input).problems.map((p) => p.code);

describe('checkSessionPolicyLimits', () => {
  it('accepts exactly 2,048 characters and refuses 2,049', () => {
    expect(policyOf(MAX_SESSION_POLICY_CHARACTERS)).toHaveLength(2048);
    expect(codes({ sessionPolicy: policyOf(2048) })).toEqual([]);
    expect(codes({ sessionPolicy: policyOf(2049) })).toEqual(['SESSION_POLICY_TOO_LONG']);
  });

  it('accepts 10 managed policies and refuses 11', () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => `arn:aws:iam::123456789012:policy/team/p-${i}`);
    expect(codes({ managedPolicyArns: arns(10) })).toEqual([]);
    expect(codes({ managedPolicyArns: arns(11) })).toEqual(['TOO_MANY_MANAGED_POLICIES']);
  });

  it.each([
    ['arn:aws:iam::aws:policy/ReadOnlyAccess', true],
    ['arn:aws-us-gov:iam::123456789012:policy/a/b/c', true],
    ['arn:aws:iam::123456789012:role/not-a-policy', false],
    ['arn:aws:s3:::bucket', false],
    ['arn:aws:iam::12345:policy/short-account', false],
  ])('managed policy ARN %s well formed: %s', (arn, isValid) => {
    expect(codes({ managedPolicyArns: [arn] })).toEqual(isValid ? [] : ['MANAGED_POLICY_ARN_INVALID']);
  });

  it('refuses text that is not a JSON object', () => {
    expect(codes({ sessionPolicy: '[1,2]' })).toEqual(['SESSION_POLICY_NOT_JSON']);
  });

  it('counts session tags in the packed size, which grows with them', () => {
    const small = checkSessionPolicyLimits({ sessionPolicy: policyOf(300) });
    const tags = new Map(Array.from({ length: 50 }, (_, i) => [`x509Subject/T${i}`, `${i}-${'v'.repeat(200)}-${(i * 7919).toString(36)}`]));
    const tagged = checkSessionPolicyLimits({ sessionPolicy: policyOf(300), sessionTags: tags });
    expect(tagged.packedPolicySizePercent).toBeGreaterThan(small.packedPolicySizePercent);
    expect(small.problems).toEqual([]);
  });
});

describe('isWellFormedPolicyArn', () => {
  it.each([
    ['arn:aws:iam::123456789012:policy/p', true],
    ['arn:aws:iam::123456789012:policy/a/b/p', true],
    ['arn:aws-cn:iam::aws:policy/ReadOnlyAccess', true],
    ['arn:aws:iam::12345678901:policy/p', false],
    ['arn:aws:s3:::bucket', false],
    ['not-an-arn', false],
  ])('%s: %s', (value, expected) => expect(isWellFormedPolicyArn(value)).toBe(expected));
});

describe("STS's wording, which the emulator returns", () => {
  it('names the constraint that failed', () => {
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::123456789012:policy/p-${i}`);
    expect(checkSessionPolicyLimits({ managedPolicyArns: arns }).problems.map((p) => p.stsMessage)).toEqual([
      "1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to 10",
    ]);
    expect(checkSessionPolicyLimits({ managedPolicyArns: ['arn:aws:iam::123456789012:role/r'] }).problems.map((p) => p.stsMessage)).toEqual([
      'Invalid policy ARN: arn:aws:iam::123456789012:role/r is not an IAM policy ARN',
    ]);
  });
});
