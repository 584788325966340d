// Names the cause of a CreateSession outcome in words (issue 12), from what the real service
// returns (status, error type, its fixed messages, roles-anywhere.md §1.8) and the local checks.
// It never needs the emulator's own decision log.
import type { DoctorCheck } from './doctor-checks.js';

export type DoctorCause =
  | 'bad-arns'
  | 'local-files'
  | 'service-unreachable'
  | 'clock-skew'
  | 'invalid-signature'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-not-accepted'
  | 'wrong-trust-anchor'
  | 'certificate-revoked'
  | 'profile-not-found'
  | 'role-not-in-profile'
  | 'untaggable-attribute'
  | 'duration-too-long'
  | 'session-name-not-allowed'
  | 'trust-policy-refused'
  | 'throttled'
  | 'refused';

export interface Diagnosis {
  cause: DoctorCause;
  summary: string;
  nextStep: string;
}

export type SessionOutcome =
  | { kind: 'allowed'; assumedRoleArn: string }
  | { kind: 'refused'; status: number; code: string | undefined; message: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'not-called'; reason: string };

export interface DiagnoseInput {
  checks: readonly DoctorCheck[];
  outcome: SessionOutcome;
  roleArn?: string;
  trustAnchorArn?: string;
  certificatePath: string;
}

export function diagnose(input: DiagnoseInput): Diagnosis | undefined {
  const { outcome } = input;
  const failed = (name: DoctorCheck['name']) => input.checks.find((c) => c.name === name && c.status === 'fail');
  if (outcome.kind === 'allowed') return undefined;
  if (outcome.kind === 'not-called') {
    if (failed('arns') || failed('region')) return { cause: 'bad-arns', summary: outcome.reason, nextStep: 'Fix --trust-anchor-arn, --profile-arn and --role-arn (copy them from "iamra setup" or the console)' };
    return { cause: 'local-files', summary: outcome.reason, nextStep: 'Fix the files named above, then run doctor again' };
  }
  if (outcome.kind === 'unreachable') return { cause: 'service-unreachable', summary: `the service could not be reached: ${outcome.reason}`, nextStep: 'Check --endpoint, the network, HTTPS_PROXY/NO_PROXY and AWS_CA_BUNDLE' };
  return diagnoseRefusal(input, outcome, failed);
}

function diagnoseRefusal(input: DiagnoseInput, outcome: Extract<SessionOutcome, { kind: 'refused' }>, failed: (name: DoctorCheck['name']) => DoctorCheck | undefined): Diagnosis {
  const message = outcome.message.toLowerCase();
  const role = input.roleArn ?? 'the role';
  const roleName = role.split('/').pop() ?? 'ROLE';
  if (message.includes('invalid signature')) {
    const clock = failed('clock');
    if (clock) return { cause: 'clock-skew', summary: `the request was refused as "Invalid signature" and ${clock.detail}`, nextStep: "Synchronise this machine's clock (NTP, e.g. timedatectl set-ntp true), then retry" };
    return { cause: 'invalid-signature', summary: 'the service refused the signature although the key matches the certificate: most often a clock more than 5 minutes off, else a proxy that rewrites headers', nextStep: "Check this machine's clock against an NTP source and that no proxy alters the request" };
  }
  if (message.includes('untrusted signing certificate')) {
    const validity = failed('validity');
    if (validity && validity.detail.includes('expired')) return { cause: 'certificate-expired', summary: validity.detail, nextStep: `Renew the certificate (iamra issue ...) and replace ${input.certificatePath}` };
    if (validity) return { cause: 'certificate-not-yet-valid', summary: validity.detail, nextStep: "Check this machine's clock, or wait until the certificate's notBefore" };
    const rule = failed('certificate');
    if (rule) return { cause: 'certificate-not-accepted', summary: `the service does not accept this certificate: ${rule.detail}`, nextStep: 'Issue a certificate that meets the rules (iamra issue does)' };
    const chain = failed('chain');
    return {
      cause: 'wrong-trust-anchor',
      summary: `the certificate does not chain to a CA certificate of trust anchor ${input.trustAnchorArn ?? ''}${chain ? `: ${chain.detail}` : ''} (or the anchor is disabled)`,
      nextStep: 'Pass the trust anchor created from the CA that issued the certificate (aws rolesanywhere list-trust-anchors), and any intermediates with --intermediates',
    };
  }
  if (message.includes("trust anchor wasn't found")) return { cause: 'wrong-trust-anchor', summary: `there is no trust anchor ${input.trustAnchorArn ?? ''} in that account and region`, nextStep: 'Copy the ARN from "aws rolesanywhere list-trust-anchors" in the right region' };
  if (message.includes('certificate revoked')) return { cause: 'certificate-revoked', summary: 'the certificate is on an enabled CRL of the trust anchor', nextStep: 'Issue a new certificate; the revoked one cannot be used again' };
  if (message.includes("isn't one of those listed in the profile")) return { cause: 'role-not-in-profile', summary: `the profile does not list ${role}`, nextStep: `Add the role to the profile (aws rolesanywhere update-profile --role-arns ...), or pass a role it lists` };
  if (message.includes('invalid or empty profile')) return { cause: 'profile-not-found', summary: 'the profile does not exist in that account and region, or is disabled', nextStep: 'Check --profile-arn, its region, and that the profile is enabled' };
  if (message.includes('roleSessionName'.toLowerCase())) return { cause: 'session-name-not-allowed', summary: 'the profile does not accept custom session names', nextStep: 'Enable acceptRoleSessionName on the profile, or drop --role-session-name' };
  if (message.includes('unable to assume role')) {
    if (message.includes('failed to be mapped') || message.includes('fail to be mapped')) return { cause: 'untaggable-attribute', summary: `a certificate attribute cannot be a session tag: ${failed('tags')?.detail ?? outcome.message}`, nextStep: 'Issue the certificate with tag-safe values (letters, digits, spaces and _.:/=+-@), or drop the attribute from the profile mappings' };
    if (message.includes('durationseconds exceeds')) return { cause: 'duration-too-long', summary: "the session duration is longer than the role's MaxSessionDuration", nextStep: "Lower --session-duration or raise the role's MaxSessionDuration" };
    const local = failed('trust-policy');
    return {
      cause: 'trust-policy-refused',
      summary: local
        ? `the trust policy of ${role} refused: ${local.detail}`
        : `the trust policy of ${role} refused: a condition is not met, an action (sts:AssumeRole, sts:TagSession, sts:SetSourceIdentity) is missing or aws:SourceArn names another trust anchor`,
      nextStep: `Save the policy (aws iam get-role --role-name ${roleName} --query Role.AssumeRolePolicyDocument > trust.json) and run "iamra policy explain --certificate ${input.certificatePath} --policy trust.json --trust-anchor-arn ${input.trustAnchorArn ?? 'ARN'} --role-arn ${role}"`,
    };
  }
  if (outcome.code === 'ThrottlingException' || outcome.status === 429) return { cause: 'throttled', summary: 'the service throttled CreateSession (10 per second by default)', nextStep: 'Retry later; use the credential cache, serve or update to call it less often' };
  return { cause: 'refused', summary: `the service refused: ${outcome.code ?? `HTTP ${outcome.status}`}: ${outcome.message}`, nextStep: 'Check the trust anchor, the profile and the role' };
}
