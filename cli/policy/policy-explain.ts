// `iamra policy explain`: what CreateSession would decide for a certificate and a trust policy,
// with every reason; exit 0 for allow, 1 for deny (docs/policy.md).
import type { Command } from 'commander';
import { explainAccess } from '../../access/explain-access.js';
import { readCertificates, readInputText, readMappingsFile, readPolicyFile } from '../../access/read-inputs.js';
import { isTrustAnchorArn } from '../../access/write-trust-policy.js';
import { ExitStatus } from '../shared/exit-status.js';
import { UsageError } from '../../errors.js';
import { defaultAttributeMappings } from '../../roles-anywhere/index.js';
import { collect, writeStdout } from '../shared/common.js';
import { renderExplanation } from './render-explanation.js';
import { loadMlDsaEngine } from '../../x509/ml-dsa-engine.js';

interface ExplainFlags {
  certificate: string;
  intermediates?: string;
  policy: string;
  trustAnchorArn: string;
  roleArn?: string;
  anchorCertificate?: string;
  profileMappings?: string;
  sessionPolicy?: string;
  managedPolicyArn: string[];
  untaggable: string;
  allowRsa1024?: boolean;
  json?: boolean;
}

export function registerPolicyExplain(policy: Command): void {
  policy
    .command('explain')
    .description('explain locally what CreateSession decides for a certificate and a role trust policy (exit 0 allow, 1 deny)')
    .requiredOption('--certificate <file>', 'end-entity certificate (PEM or DER)')
    .option('--intermediates <file>', 'intermediate CA certificates (PEM bundle)')
    .requiredOption('--policy <file>', "the role's trust policy (JSON)")
    .requiredOption('--trust-anchor-arn <arn>', 'the trust anchor of the CreateSession')
    .option('--role-arn <arn>', 'the role, for the exact refusal message (default: arn:aws:iam::ACCOUNT:role/ROLE)')
    .option('--anchor-certificate <file>', "the trust anchor's CA certificate(s), to check the chain")
    .option('--profile-mappings <file>', "the profile's attribute mappings (get-profile output or a list; default: the service's defaults)")
    .option('--session-policy <file>', "the profile's inline session policy, checked against the STS limits")
    .option('--managed-policy-arn <arn>', "a managed policy of the profile (repeatable)", collect, [])
    .option('--untaggable <policy>', 'a value that cannot be a session tag: fail (observed service behaviour) | drop (documented)', 'fail')
    .option('--allow-rsa-1024', 'accept RSA-1024 keys, as `iamra emulator --allow-rsa-1024`')
    .option('--json', 'print JSON with a top-level "decision" of "allow" or "deny"')
    .action(async (flags: ExplainFlags) => {
      if (!isTrustAnchorArn(flags.trustAnchorArn)) {
        throw new UsageError('ARN_INVALID', `invalid --trust-anchor-arn: not a trust anchor ARN (${flags.trustAnchorArn}). It looks like arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/UUID.`);
      }
      if (flags.untaggable !== 'fail' && flags.untaggable !== 'drop') {
        throw new UsageError('OPTION_INVALID', `invalid --untaggable: must be fail or drop (${flags.untaggable}). Pass one of those.`);
      }
      // Non-null: isTrustAnchorArn above accepted the ARN, so it has the account as its fifth colon-separated part.
      const account = flags.trustAnchorArn.split(':')[4]!;
      const result = explainAccess({
        // Non-null: readCertificates throws when the file holds no certificate, so [0] exists.
        leaf: readCertificates(flags.certificate, 'certificate')[0]!,
        mlDsa: await loadMlDsaEngine(),
        intermediates: flags.intermediates ? readCertificates(flags.intermediates, 'intermediates') : [],
        ...(flags.anchorCertificate ? { anchorCertificatesPem: readInputText(flags.anchorCertificate, 'anchor certificate').toString('latin1') } : {}),
        trustAnchorArn: flags.trustAnchorArn,
        roleArn: flags.roleArn ?? `arn:aws:iam::${account}:role/ROLE`,
        policy: readPolicyFile(flags.policy).document,
        mappings: flags.profileMappings ? readMappingsFile(flags.profileMappings) : defaultAttributeMappings(),
        untaggable: flags.untaggable,
        ...(flags.sessionPolicy ? { sessionPolicy: readInputText(flags.sessionPolicy, 'session policy').toString('utf8') } : {}),
        ...(flags.managedPolicyArn.length > 0 ? { managedPolicyArns: flags.managedPolicyArn } : {}),
        now: new Date(),
        keyAcceptance: { isOptedIn: flags.allowRsa1024 === true },
      });
      await writeStdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderExplanation(result));
      if (result.decision === 'deny') throw new ExitStatus(1);
    });
}
