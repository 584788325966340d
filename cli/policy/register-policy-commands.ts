// The `policy` command group (issue 12): trust, session, explain and lint (docs/policy.md).
import type { Command } from 'commander';
import { registerPolicyExplain } from './policy-explain.js';
import { registerPolicyLint } from './policy-lint.js';
import { registerPolicySession } from './policy-session.js';
import { registerPolicyTrust } from './policy-trust.js';

export function registerPolicyCommands(program: Command): void {
  const policy = program.command('policy').description('write, explain and lint trust and session policies (docs/policy.md)');
  registerPolicyTrust(policy);
  registerPolicySession(policy);
  registerPolicyExplain(policy);
  registerPolicyLint(policy);
}
