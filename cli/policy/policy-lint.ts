// `iamra policy lint`: findings in a role trust policy, one per line; exit 1 when there are any
// (docs/policy.md).
import type { Command } from 'commander';
import { readMappingsFile, readPolicyFile } from '../../access/read-inputs.js';
import { lintTrustPolicy } from '../../trust/index.js';
import { ExitStatus } from '../shared/exit-status.js';
import { defaultAttributeMappings } from '../../roles-anywhere/index.js';
import { writeStdout } from '../shared/common.js';

export function registerPolicyLint(policy: Command): void {
  policy
    .command('lint')
    .description('flag what a trust policy lets in by mistake or can never match (exit 1 on findings)')
    .argument('<file>', "the role's trust policy (JSON)")
    .option('--profile-mappings <file>', "the profile's attribute mappings (default: the service's defaults)")
    .option('--json', 'print {"findings": [...]}')
    .action(async (file: string, flags: { profileMappings?: string; json?: boolean }) => {
      const { document } = readPolicyFile(file);
      const findings = lintTrustPolicy(document, flags.profileMappings ? readMappingsFile(flags.profileMappings) : defaultAttributeMappings());
      if (flags.json) await writeStdout(`${JSON.stringify({ findings }, null, 2)}\n`);
      else await writeStdout(findings.map((f) => `${file}: statement ${f.statement}: ${f.code}: ${f.message}\n`).join(''));
      if (findings.length > 0) throw new ExitStatus(1);
    });
}
