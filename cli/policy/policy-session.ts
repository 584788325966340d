// `iamra policy session`: write a profile session policy from guardrails, or check one, against
// the STS limits (docs/policy.md).
import type { Command } from 'commander';
import { RefusedError, UsageError } from '../../errors.js';
import { readInputText } from '../../access/read-inputs.js';
import { buildSessionPolicy, checkSessionPolicyLimits, GuardrailError } from '../../trust/index.js';
import { collect, writeStdout } from '../shared/common.js';

interface SessionFlags {
  action: string[];
  service: string[];
  resource: string[];
  sourceIp: string[];
  resourceTag: string[];
  managedPolicyArn: string[];
  check?: string;
  json?: boolean;
}

export function registerPolicySession(policy: Command): void {
  policy
    .command('session')
    .description('write a profile session policy (inline JSON) from guardrails and check it against the STS limits')
    .option('--action <action>', 'allowed IAM action, e.g. s3:GetObject (repeatable)', collect, [])
    .option('--service <prefix>', 'allow every action of a service, e.g. s3 (repeatable)', collect, [])
    .option('--resource <arn>', 'allowed resource ARN or pattern (repeatable; default *)', collect, [])
    .option('--source-ip <cidr>', 'calls must come from this range (aws:SourceIp; repeatable)', collect, [])
    .option('--resource-tag <key=value>', 'resources must carry this tag (aws:ResourceTag; repeatable)', collect, [])
    .option('--managed-policy-arn <arn>', 'managed policy the profile also passes, counted against the limits (repeatable)', collect, [])
    .option('--check <file>', 'check this existing session policy instead of writing one')
    .option('--json', 'print {"policy", "limits"}')
    .action(async (flags: SessionFlags) => {
      const text = flags.check ? readInputText(flags.check, 'session policy').toString('utf8') : JSON.stringify(build(flags));
      const limits = checkSessionPolicyLimits({ sessionPolicy: text, managedPolicyArns: flags.managedPolicyArn });
      const [first] = limits.problems;
      if (first) {
        throw new RefusedError('SESSION_POLICY_LIMIT', `session policy refused: ${limits.problems.map((p) => p.message).join('; ')} (${flags.check ?? 'guardrails'}). Narrow the policy or pass fewer managed policies.`);
      }
      if (flags.json) return writeStdout(`${JSON.stringify({ policy: JSON.parse(text) as unknown, limits }, null, 2)}\n`);
      process.stderr.write(`iamra: session policy: ${limits.plainTextCharacters} of 2048 characters, ${limits.managedPolicyCount} of 10 managed policies, packed size about ${limits.packedPolicySizePercent}%\n`);
      await writeStdout(`${text}\n`);
    });
}

function build(flags: SessionFlags): Record<string, unknown> {
  const resourceTags = new Map<string, string>();
  for (const pair of flags.resourceTag) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new UsageError('GUARDRAIL_INVALID', `invalid --resource-tag: expected KEY=VALUE (${pair}). Fix the flag.`);
    resourceTags.set(pair.slice(0, equals), pair.slice(equals + 1));
  }
  try {
    return buildSessionPolicy({ actions: flags.action, services: flags.service, resources: flags.resource, sourceIps: flags.sourceIp, resourceTags });
  } catch (error) {
    if (error instanceof GuardrailError) throw new UsageError('GUARDRAIL_INVALID', `invalid guardrails: ${error.message}. Fix the flags (see "iamra policy session --help").`);
    throw error;
  }
}
