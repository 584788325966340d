// The helper's top-level help (official-helper.md §1.1: no arguments or --help print the command
// list to stdout and exit 0, as cobra does for aws_signing_helper).
import type { HelperContext } from '../context.js';

const COMMANDS: ReadonlyArray<readonly [string, string]> = [
  ['credential-process', 'Retrieve temporary credentials in the credential_process format'],
  ['serve', 'Serve credentials on a local IMDSv2-compatible (and container credentials) endpoint'],
  ['update', 'Write temporary credentials into the shared credentials file and keep them fresh'],
  ['sign-string', 'Sign a fixed test string with the private key (key sanity check)'],
  ['read-certificate-data', 'Print diagnostic JSON about a certificate'],
  ['version', 'Print the version and the runtime'],
];

/** The name the user typed: the executable's file name, or `iamra` under Node. */
export function programName(execPath: string, isCompiled: boolean): string {
  if (!isCompiled) return 'iamra';
  return (execPath.split(/[\\/]/).pop() ?? 'iamra-helper').replace(/\.exe$/i, '');
}

export function formatTopLevelHelp(program: string): string {
  const width = Math.max(...COMMANDS.map(([name]) => name.length)) + 2;
  const rows = COMMANDS.map(([name, summary]) => `  ${name.padEnd(width)}${summary}`);
  return `A drop-in for aws_signing_helper: temporary AWS credentials from IAM Roles Anywhere with an X.509 certificate\n\nUsage:\n  ${program} [command]\n\nAvailable Commands:\n${rows.join('\n')}\n\nFlags:\n  -h, --help   help for ${program}\n\nUse "${program} [command] --help" for more information about a command.\n`;
}

export async function runHelp(_argv: readonly string[], ctx: HelperContext): Promise<void> {
  ctx.stdout(formatTopLevelHelp(ctx.programName ?? 'iamra'));
}
