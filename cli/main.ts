// The full CLI: commander program, command registration, and the one place errors become exit codes.
import { Command, CommanderError } from 'commander';
import { errorReport } from '../errors.js';
import { registerCaCommands } from './ca-commands.js';
import { registerEmulatorCommands } from './emulator-commands.js';
import { registerPublishCommands } from './publish/register-publish-commands.js';
import { publishAfterRevoke } from './publish/revoke-publish.js';
import { VERSION } from '../version.js';

const HELPER_HELP = `
Credential helper commands (aws_signing_helper compatible; see "iamra <command> --help"):
  credential-process     print credential_process JSON for a Roles Anywhere session
  serve                  serve credentials on an IMDSv2-compatible local endpoint
  update                 keep a profile of the shared credentials file up to date
  sign-string            sign a fixed test string with the workload key
  read-certificate-data  describe a certificate file
  version                print the version

Exit codes: 0 ok, 1 refused, 2 usage, 3 bad input, 4 service/network, 70 internal (docs/cli.md).`;

export function buildProgram(): Command {
  const program = new Command('iamra')
    .description('AWS IAM Roles Anywhere toolkit: CA, credential helper, CRL publishing, emulator')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', HELPER_HELP)
    .exitOverride();
  registerPublishCommands(registerCaCommands(program, publishAfterRevoke));
  registerEmulatorCommands(program);
  for (const command of program.commands) exitOverrideAll(command);
  return program;
}

function exitOverrideAll(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) exitOverrideAll(sub);
}

/** Runs the CLI; returns the exit code. Only this module's caller exits the process. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Help and version are "errors" only to commander; its usage errors are already printed.
    if (error.exitCode === 0) return 0;
    return 2;
  }
  const report = errorReport(error, debug);
  for (const line of report.lines) process.stderr.write(`${line}\n`);
  return report.exitCode;
}

const isBundleEntry = import.meta.url.endsWith('/cli.mjs') || process.argv[1]?.endsWith('cli/main.ts');
if (isBundleEntry) {
  // Exit only once stdout has drained: process.exit() would cut a large piped output short.
  runCli(process.argv).then((code) => process.stdout.write('', () => process.exit(code)));
}
