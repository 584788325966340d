// The limits STS applies to the session policies Roles Anywhere passes to AssumeRole (a profile's
// sessionPolicy and managedPolicyArns) together with the session tags: 2,048 characters of inline
// policy text, at most 10 managed policy ARNs, each well formed, and a packed size of at most 100
// percent. Pure; the messages are STS's. The packed size is an estimate: STS's packing is opaque.

export const MAX_SESSION_POLICY_CHARACTERS = 2048;
export const MAX_MANAGED_POLICY_ARNS = 10;
/** Bytes of policy text, policy ARNs and tags that the estimate counts as 100 percent. */
export const PACKED_POLICY_BUDGET_BYTES = 2048;

const POLICY_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}|aws):policy\/([\u0021-\u007E]+\/)*[\w+=,.@-]{1,128}$/;

export type SessionPolicyProblemCode = 'SessionPolicyTooLong' | 'TooManyManagedPolicies' | 'MalformedPolicyArn' | 'PackedPolicyTooLarge';

export interface SessionPolicyProblem {
  code: SessionPolicyProblemCode;
  /** STS's wording. */
  message: string;
}

export interface SessionPolicyInput {
  sessionPolicy?: string | undefined;
  managedPolicyArns?: readonly string[] | undefined;
  /** Session tags (key to value) that share the packed budget. */
  tags?: ReadonlyMap<string, string> | undefined;
}

export interface SessionPolicyLimits {
  /** Estimated percentage of the packed budget used (STS's PackedPolicySize). */
  packedPolicySize: number;
  /** Empty when STS would accept the policies and tags. */
  problems: SessionPolicyProblem[];
}

/** Policy text as packed: whitespace between JSON tokens does not count. */
function packedPolicyText(policy: string): string {
  try {
    return JSON.stringify(JSON.parse(policy) as unknown);
  } catch {
    return policy;
  }
}

export function isWellFormedPolicyArn(arn: string): boolean {
  return arn.length >= 20 && arn.length <= 2048 && POLICY_ARN.test(arn);
}

export function checkSessionPolicyLimits(input: SessionPolicyInput): SessionPolicyLimits {
  const problems: SessionPolicyProblem[] = [];
  const policy = input.sessionPolicy;
  const arns = input.managedPolicyArns ?? [];
  if (policy !== undefined && policy.length > MAX_SESSION_POLICY_CHARACTERS) {
    problems.push({
      code: 'SessionPolicyTooLong',
      message: `1 validation error detected: Value at 'policy' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SESSION_POLICY_CHARACTERS}`,
    });
  }
  if (arns.length > MAX_MANAGED_POLICY_ARNS) {
    problems.push({
      code: 'TooManyManagedPolicies',
      message: `1 validation error detected: Value at 'policyArns' failed to satisfy constraint: Member must have length less than or equal to ${MAX_MANAGED_POLICY_ARNS}`,
    });
  }
  for (const arn of arns.filter((a) => !isWellFormedPolicyArn(a))) {
    problems.push({ code: 'MalformedPolicyArn', message: `Invalid policy ARN: ${arn} is not an IAM policy ARN` });
  }
  let bytes = policy === undefined ? 0 : Buffer.byteLength(packedPolicyText(policy));
  for (const arn of arns) bytes += Buffer.byteLength(arn);
  for (const [key, value] of input.tags ?? []) bytes += Buffer.byteLength(key) + Buffer.byteLength(value);
  const packedPolicySize = Math.ceil((bytes * 100) / PACKED_POLICY_BUDGET_BYTES);
  if (packedPolicySize > 100) {
    problems.push({ code: 'PackedPolicyTooLarge', message: `Packed policy consumes ${packedPolicySize}% of allotted space, please use smaller policy.` });
  }
  return { packedPolicySize, problems };
}
