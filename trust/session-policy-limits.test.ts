// Vectors: ARNs here are 40 bytes each, so ten of them are 400 of the 2,048-byte budget (20 percent).
import { describe, expect, it } from 'vitest';
import { checkSessionPolicyLimits, isWellFormedPolicyArn, MAX_MANAGED_POLICY_ARNS } from './session-policy-limits.js';

const arn = (i: number) => `arn:aws:iam::123456789012:policy/team/p${i}`;
const statement = (resource: string) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: resource });

describe('checkSessionPolicyLimits', () => {
  it.each([
    ['no policies, no tags', {}, [], 0],
    ['a small inline policy', { sessionPolicy: JSON.stringify({ Version: '2012-10-17', Statement: [statement('*')] }) }, [], 5],
    ['exactly 10 managed policies', { managedPolicyArns: Array.from({ length: 10 }, (_, i) => arn(i)) }, [], 20],
    ['11 managed policies', { managedPolicyArns: Array.from({ length: 11 }, (_, i) => arn(i)) }, ['TooManyManagedPolicies'], 22],
    ['an ARN that is not a policy ARN', { managedPolicyArns: ['arn:aws:iam::123456789012:role/r'] }, ['MalformedPolicyArn'], 2],
    ['an AWS managed policy', { managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] }, [], 2],
    ['a GovCloud policy', { managedPolicyArns: ['arn:aws-us-gov:iam::123456789012:policy/p'] }, [], 3],
    ['inline text over 2,048 characters', { sessionPolicy: `{"Version":"2012-10-17","Statement":[]}${' '.repeat(2048)}` }, ['SessionPolicyTooLong'], 2],
  ])('%s', (_name, input, codes, size) => {
    const result = checkSessionPolicyLimits(input);
    expect(result.problems.map((p) => p.code)).toEqual(codes);
    expect(result.packedPolicySize).toBe(size);
  });

  it('counts session tags and managed ARNs with the inline policy against the packed budget', () => {
    const sessionPolicy = JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 12 }, (_, i) => statement(`arn:aws:s3:::bucket-${i}/*`)) });
    expect(sessionPolicy.length).toBeLessThan(2048);
    expect(checkSessionPolicyLimits({ sessionPolicy }).problems).toEqual([]);
    const tags = new Map(Array.from({ length: 20 }, (_, i) => [`x509Subject/OU${i}`, 'engineering-platform-team'] as [string, string]));
    const result = checkSessionPolicyLimits({ sessionPolicy, tags, managedPolicyArns: Array.from({ length: MAX_MANAGED_POLICY_ARNS }, (_, i) => arn(i)) });
    expect(result.problems).toEqual([{ code: 'PackedPolicyTooLarge', message: `Packed policy consumes ${result.packedPolicySize}% of allotted space, please use smaller policy.` }]);
    expect(result.packedPolicySize).toBeGreaterThan(100);
  });

  it.each([
    ['arn:aws:iam::123456789012:policy/p', true],
    ['arn:aws:iam::123456789012:policy/a/b/p', true],
    ['arn:aws:iam::12345678901:policy/p', false],
    ['arn:aws:s3:::bucket', false],
    ['not-an-arn', false],
  ])('isWellFormedPolicyArn(%s) is %s', (value, expected) => expect(isWellFormedPolicyArn(value)).toBe(expected));
});
