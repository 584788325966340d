// `iamra policy trust`: print a role trust policy for Roles Anywhere (docs/policy.md).
import type { Command } from 'commander';
import { writeTrustPolicy } from '../../access/write-trust-policy.js';
import { caDir, collect, writeStdout } from '../shared/common.js';

interface TrustFlags {
  trustAnchorArn: string;
  match: string[];
  sourceIdentity: string[];
  fromTemplate?: string;
  ca?: string;
}

export function registerPolicyTrust(policy: Command): void {
  policy
    .command('trust')
    .description('print a role trust policy: the Roles Anywhere principal, its three actions, aws:SourceArn and certificate conditions')
    .requiredOption('--trust-anchor-arn <arn>', 'the trust anchor the role trusts (bound with aws:SourceArn)')
    .option('--match <tag=value>', 'principal tag condition, e.g. x509Subject/CN=web-* or x509SAN/URI=spiffe://prod/* (repeatable; * and ? make it StringLike)', collect, [])
    .option('--source-identity <value>', 'accepted sts:SourceIdentity, e.g. CN=web-1 (repeatable)', collect, [])
    .option('--from-template <name>', 'derive the conditions from this issuance template of the CA')
    .option('--ca <dir>', 'CA directory holding the template (default: $IAMRA_CA_DIR, else ./iamra-ca)')
    .action(async (flags: TrustFlags) => {
      const written = await writeTrustPolicy({
        trustAnchorArn: flags.trustAnchorArn,
        matches: flags.match,
        sourceIdentities: flags.sourceIdentity,
        ...(flags.fromTemplate ? { template: { caDir: caDir(flags.ca), name: flags.fromTemplate } } : {}),
      });
      for (const note of written.notes) process.stderr.write(`iamra: note: ${note}\n`);
      await writeStdout(`${JSON.stringify(written.policy, null, 2)}\n`);
    });
}
