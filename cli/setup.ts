// `iamra setup` (issue 12): trust anchor, profile and optionally the IAM role, reused by name;
// prints the ARNs and the ~/.aws/config snippet (docs/policy.md).
import type { Command } from 'commander';
import { caPaths } from '../ca/ca-paths.js';
import { readCaCertificate } from '../ca/open-ca.js';
import { loadSetupApis } from '../access/load-setup-apis.js';
import { setupRolesAnywhere, type SetupResult } from '../access/setup-roles-anywhere.js';
import { UsageError } from '../errors.js';
import { encodePem } from '../x509/pem.js';
import { isRegion, parseRoleArn } from '../roles-anywhere/arn.js';
import { caDir, writeStdout } from './shared/common.js';

interface SetupFlags {
  ca?: string;
  region: string;
  endpoint?: string;
  roleArn?: string;
  name: string;
  createRole?: string;
  dryRun?: boolean;
  certificate: string;
  privateKey: string;
  json?: boolean;
}

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const NAME = /^[ a-zA-Z0-9-_]{1,255}$/;

export function registerSetup(program: Command): void {
  program
    .command('setup')
    .description('create or reuse the trust anchor, the profile and optionally the IAM role; print the ~/.aws/config snippet')
    .option('--ca <dir>', 'CA directory whose certificate becomes the trust anchor (default: $IAMRA_CA_DIR, else ./iamra-ca)')
    .requiredOption('--region <region>', 'AWS region of the trust anchor and profile')
    .option('--endpoint <url>', 'Roles Anywhere (and IAM) endpoint, e.g. the emulator')
    .option('--role-arn <arn>', 'the existing role the profile lets workloads assume')
    .option('--create-role <name>', 'also create (or reuse) this IAM role, trusting the anchor')
    .option('--name <name>', 'name of the trust anchor and the profile (reused when they exist)', 'iamra')
    .option('--certificate <file>', 'workload certificate path for the config snippet', '/path/to/workload.crt')
    .option('--private-key <file>', 'workload key path for the config snippet', '/path/to/workload.key')
    .option('--dry-run', 'make only the read calls and print the writes it would make')
    .option('--json', 'print JSON')
    .action(async (flags: SetupFlags) => {
      checkFlags(flags);
      const certificatePath = caPaths(caDir(flags.ca)).certificate;
      // Read (and checked) before any call is made.
      const caCertificatePem = encodePem('CERTIFICATE', readCaCertificate(certificatePath).der);
      const apis = await loadSetupApis({ region: flags.region, ...(flags.endpoint ? { endpoint: flags.endpoint } : {}), withIam: flags.createRole !== undefined });
      const result = await setupRolesAnywhere({
        caCertificatePem,
        name: flags.name,
        region: flags.region,
        ...(flags.endpoint ? { endpoint: flags.endpoint } : {}),
        ...(flags.roleArn ? { roleArn: flags.roleArn } : {}),
        ...(flags.createRole ? { createRoleName: flags.createRole } : {}),
        isDryRun: flags.dryRun === true,
        certificatePath: flags.certificate,
        privateKeyPath: flags.privateKey,
      }, apis);
      await writeStdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : render(result, flags.dryRun === true));
    });
}

function checkFlags(flags: SetupFlags): void {
  if ((flags.roleArn === undefined) === (flags.createRole === undefined)) {
    throw new UsageError('SETUP_ROLE_REQUIRED', 'cannot set up: give exactly one of --role-arn ARN and --create-role NAME. See "iamra setup --help".');
  }
  if (flags.roleArn !== undefined && parseRoleArn(flags.roleArn) === undefined) throw new UsageError('ARN_INVALID', `invalid --role-arn: not an IAM role ARN (${flags.roleArn}). It looks like arn:aws:iam::ACCOUNT:role/NAME.`);
  if (flags.createRole !== undefined && !ROLE_NAME.test(flags.createRole)) throw new UsageError('OPTION_INVALID', `invalid --create-role: 1-64 letters, digits and +=,.@_- (${flags.createRole}). Pick another name.`);
  if (!isRegion(flags.region)) throw new UsageError('REGION_INVALID', `invalid --region: not an AWS region name (${flags.region}). Pass e.g. --region us-east-1.`);
  if (!NAME.test(flags.name)) throw new UsageError('OPTION_INVALID', `invalid --name: 1-255 letters, digits, spaces, - and _ (${flags.name}). Pick another name.`);
  if (flags.endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(flags.endpoint)) throw new UsageError('OPTION_INVALID', `invalid --endpoint: not an http(s) URL (${flags.endpoint}). Pass e.g. http://127.0.0.1:8080.`);
}

function render(result: SetupResult, isDryRun: boolean): string {
  const calls = result.calls.map((c) => `${c.isMade ? 'called' : 'would call'} ${c.operation}: ${c.detail}`);
  return [
    ...calls,
    `trust anchor: ${result.trustAnchorArn}`,
    `profile:      ${result.profileArn}`,
    `role:         ${result.roleArn}`,
    '',
    isDryRun ? '# ~/.aws/config (after a real run):' : '# ~/.aws/config:',
    result.configSnippet,
  ].join('\n');
}
