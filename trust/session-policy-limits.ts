// The limits STS applies to the session policies Roles Anywhere passes at CreateSession
// (roles-anywhere.md §1.6, §9): 2,048 characters of inline policy text, at most 10 managed policy
// ARNs, each well formed, and the packed size of policies and session tags. One pure check, shared
// by `iamra policy session|explain` and the emulator.
import { deflateRawSync } from 'node:zlib';

export const MAX_SESSION_POLICY_CHARACTERS = 2048;
export const MAX_MANAGED_POLICY_ARNS = 10;
/**
 * Compressed bytes that count as 100 % packed size. STS does not publish its packing; this is an
 * assumption (the percentage is an estimate) and only a clear overrun is reported.
 */
export const PACKED_POLICY_BUDGET_BYTES = 2048;
export const MANAGED_POLICY_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy\/([\u0021-\u007E]+\/)*[\w+=,.@-]{1,128}$/;

export type SessionPolicyLimitCode = 'SESSION_POLICY_TOO_LONG' | 'SESSION_POLICY_NOT_JSON' | 'TOO_MANY_MANAGED_POLICIES' | 'MANAGED_POLICY_ARN_INVALID' | 'PACKED_POLICY_TOO_LARGE';

export interface SessionPolicyLimitProblem {
  code: SessionPolicyLimitCode;
  /** Ours, for iamra's own output. */
  message: string;
  /** STS's wording, which the emulator returns after "Unable to assume role for ARN". */
  stsMessage: string;
}

export interface SessionPolicyLimitInput {
  /** The inline session policy text as stored on the profile. */
  sessionPolicy?: string;
  managedPolicyArns?: readonly string[];
  /** Session tags travel in the same packed blob. */
  sessionTags?: ReadonlyMap<string, string>;
}

export interface SessionPolicyLimitResult {
  plainTextCharacters: number;
  managedPolicyCount: number;
  /** Estimated packed size in percent of the limit (see PACKED_POLICY_BUDGET_BYTES). */
  packedPolicySizePercent: number;
  problems: SessionPolicyLimitProblem[];
}

/** A managed policy ARN as STS accepts it: partition, account or `aws`, optional path, name. */
export function isWellFormedPolicyArn(arn: string): boolean {
  return arn.length >= 20 && arn.length <= 2048 && MANAGED_POLICY_ARN_PATTERN.test(arn);
}

export function checkSessionPolicyLimits(input: SessionPolicyLimitInput): SessionPolicyLimitResult {
  const text = input.sessionPolicy ?? '';
  const arns = input.managedPolicyArns ?? [];
  const problems: SessionPolicyLimitProblem[] = [];
  if (text.length > MAX_SESSION_POLICY_CHARACTERS) {
    problems.push({
      code: 'SESSION_POLICY_TOO_LONG',
      message: `the session policy is ${text.length} characters, more than the ${MAX_SESSION_POLICY_CHARACTERS} STS accepts`,
      stsMessage: `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_POLICY_CHARACTERS}`,
    });
  }
  if (text !== '' && !isJsonObject(text)) {
    problems.push({ code: 'SESSION_POLICY_NOT_JSON', message: 'the session policy is not a JSON object', stsMessage: 'The policy is not in the valid JSON format.' });
  }
  if (arns.length > MAX_MANAGED_POLICY_ARNS) {
    problems.push({
      code: 'TOO_MANY_MANAGED_POLICIES',
      message: `${arns.length} managed policy ARNs, more than the ${MAX_MANAGED_POLICY_ARNS} STS accepts`,
      stsMessage: `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_MANAGED_POLICY_ARNS}`,
    });
  }
  for (const arn of arns.filter((a) => !isWellFormedPolicyArn(a))) {
    problems.push({
      code: 'MANAGED_POLICY_ARN_INVALID',
      message: `${JSON.stringify(arn)} is not a managed policy ARN (arn:aws:iam::ACCOUNT:policy/NAME)`,
      stsMessage: `Invalid policy ARN: ${arn} is not an IAM policy ARN`,
    });
  }
  const packedPolicySizePercent = packedPercent(text, arns, input.sessionTags);
  if (packedPolicySizePercent > 100) {
    problems.push({
      code: 'PACKED_POLICY_TOO_LARGE',
      message: `policies and session tags pack to about ${packedPolicySizePercent}% of the limit`,
      stsMessage: `Packed policy consumes ${packedPolicySizePercent}% of allotted space, please use smaller policy.`,
    });
  }
  return { plainTextCharacters: text.length, managedPolicyCount: arns.length, packedPolicySizePercent, problems };
}

function packedPercent(text: string, arns: readonly string[], tags: ReadonlyMap<string, string> | undefined): number {
  const parts = [minified(text), ...arns, ...[...(tags ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`)];
  const bytes = parts.join('\n') === '' ? 0 : deflateRawSync(Buffer.from(parts.join('\n'), 'utf8')).length;
  return Math.ceil((100 * bytes) / PACKED_POLICY_BUDGET_BYTES);
}

function minified(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
