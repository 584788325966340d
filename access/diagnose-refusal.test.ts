// Doctor's causes from the service's answers (roles-anywhere.md §1.8) and the local checks.
import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnose-refusal.js';
import type { DoctorCheck } from './doctor-checks.js';

const ROLE = 'arn:aws:iam::123456789012:role/web';
const refused = (message: string, status = 403, code: string | undefined = 'AccessDeniedException') => ({ kind: 'refused' as const, status, code, message });
const failing = (name: DoctorCheck['name'], detail: string): DoctorCheck[] => [{ name, status: 'fail', detail }];
const cause = (outcome: Parameters<typeof diagnose>[0]['outcome'], checks: DoctorCheck[] = []) => diagnose({ checks, outcome, roleArn: ROLE, certificatePath: 'w.crt' })?.cause;

describe('diagnose', () => {
  it.each([
    ["Specified Trust Anchor wasn't found.", [], 'wrong-trust-anchor'],
    ['Untrusted signing certificate', [], 'wrong-trust-anchor'],
    ['Untrusted Signing Certificate', failing('validity', 'the certificate expired at 2026-01-01T00:00:00.000Z'), 'certificate-expired'],
    ['Untrusted signing certificate', failing('validity', 'the certificate is not valid before 2027-01-01'), 'certificate-not-yet-valid'],
    ['Untrusted signing certificate', failing('certificate', 'keyUsage lacks digitalSignature'), 'certificate-not-accepted'],
    ['Certificate revoked', [], 'certificate-revoked'],
    ["Requested Role isn't one of those listed in the Profile.", [], 'role-not-in-profile'],
    ['Invalid or empty profile provided.', [], 'profile-not-found'],
    [`Unable to assume role for ${ROLE}`, [], 'trust-policy-refused'],
    [`Unable to assume role for ${ROLE} Some attributes failed to be mapped into session tags. Issuer: [  ]; Subject: [ CN ]; SAN: [  ]`, [], 'untaggable-attribute'],
    [`Unable to assume role for ${ROLE} The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`, [], 'duration-too-long'],
    ['Not authorized to set roleSessionName', [], 'session-name-not-allowed'],
    ['Invalid signature', failing('clock', "this machine's clock is 3600 s behind the service's"), 'clock-skew'],
    ['Invalid signature', [], 'invalid-signature'],
  ] as const)('%s -> %s', (message, checks, expected) => {
    expect(cause(refused(message), [...checks])).toBe(expected);
  });

  it('names throttling, unreachable services, calls not made and success', () => {
    expect(cause(refused('Rate exceeded', 429, 'ThrottlingException'))).toBe('throttled');
    expect(cause({ kind: 'unreachable', reason: 'ECONNREFUSED' })).toBe('service-unreachable');
    expect(cause({ kind: 'not-called', reason: 'x' }, failing('arns', 'bad'))).toBe('bad-arns');
    expect(cause({ kind: 'not-called', reason: 'x' }, failing('files', 'no such file'))).toBe('local-files');
    expect(cause({ kind: 'allowed', assumedRoleArn: ROLE })).toBeUndefined();
  });

  it('points a trust-policy refusal at policy explain with the role name', () => {
    const step = diagnose({ checks: [], outcome: refused(`Unable to assume role for ${ROLE}`), roleArn: ROLE, trustAnchorArn: 'arn:ta', certificatePath: 'w.crt' })!.nextStep;
    expect(step).toBe(`Save the policy (aws iam get-role --role-name web --query Role.AssumeRolePolicyDocument > trust.json) and run "iamra policy explain --certificate w.crt --policy trust.json --trust-anchor-arn arn:ta --role-arn ${ROLE}"`);
  });
});
