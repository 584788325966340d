// `iamra policy trust`: print a role trust policy for Roles Anywhere (docs/policy.md).
import { type Command, Option } from 'commander';
import { writeTrustPolicy } from '../../access/write-trust-policy.js';
import type { StoreLocation } from '../../ca/ca-config.js';
import { caDir, collect, storeOption, writeStdout } from '../shared/common.js';

interface TrustFlags {
  trustAnchorArn: string;
  match: string[];
  sourceIdentity: string[];
  fromTemplate?: string;
  ca?: string;
  store?: string;
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
    .addOption(new Option('--store <location>', "with --from-template: the CA's store instead of ca.json's (sqlite:FILE or postgres://...; default: $IAMRA_STORE)"))
    .action(async (flags: TrustFlags) => {
      const written = await writeTrustPolicy({
        trustAnchorArn: flags.trustAnchorArn,
        matches: flags.match,
        sourceIdentities: flags.sourceIdentity,
        ...(flags.fromTemplate ? { template: templateSource(flags, flags.fromTemplate) } : {}),
      });
      for (const note of written.notes) process.stderr.write(`iamra: note: ${note}\n`);
      await writeStdout(`${JSON.stringify(written.policy, null, 2)}\n`);
    });
}

function templateSource(flags: TrustFlags, name: string): { caDir: string; name: string; store?: StoreLocation } {
  const store = storeOption(flags.store);
  return { caDir: caDir(flags.ca), name, ...(store ? { store } : {}) };
}
