// The full CLI: commander program, command registration, and the one place errors become exit codes.
import { Command, CommanderError } from 'commander';
import { commandHelpText, fullCommandName } from './command-help.js';
import { ExitStatus } from './shared/exit-status.js';
import { errorReport, InternalError } from '../errors.js';
import { registerCaCommands } from './ca-commands.js';
import { registerDoctor } from './doctor.js';
import { registerEmulatorCommands } from './emulator-commands.js';
import { registerPolicyCommands } from './policy/register-policy-commands.js';
import { registerPublishCommands } from './publish/register-publish-commands.js';
import { registerSetup } from './setup.js';
import { publishAfterRevoke } from './publish/revoke-publish.js';
import { VERSION } from '../version.js';

/** The aws_signing_helper-compatible commands: cli/entry.ts runs them in the lean helper bundle. */
export const HELPER_COMMANDS: Array<[name: string, description: string]> = [
  ['credential-process', 'print credential_process JSON for a Roles Anywhere session (helper)'],
  ['serve', 'serve credentials on an IMDSv2-compatible local endpoint (helper)'],
  ['update', 'keep a profile of the shared credentials file up to date (helper)'],
  ['sign-string', 'sign a fixed test string with the workload key (helper)'],
  ['read-certificate-data', 'describe a certificate file (helper)'],
  ['version', 'print the version (helper)'],
];

const EXIT_CODES_HELP = `
The helper commands take the aws_signing_helper flags: "iamra help credential-process".
Exit codes: 0 ok, 1 refused, 2 usage, 3 bad input, 4 service/network, 70 internal (docs/cli.md).`;

export function buildProgram(): Command {
  const program = new Command('iamra')
    .description('AWS IAM Roles Anywhere toolkit: CA, credential helper, CRL publishing, emulator')
    .version(VERSION, '-V, --version')
    .option('--debug', 'print stack traces for internal errors')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride();
  registerPublishCommands(registerCaCommands(program, publishAfterRevoke));
  registerEmulatorCommands(program);
  registerPolicyCommands(program);
  registerSetup(program);
  registerDoctor(program);
  // Listed, and suggested for a mistyped name; cli/entry.ts sends them to the helper bundle.
  for (const [name, description] of HELPER_COMMANDS) {
    program.command(name).description(description).allowUnknownOption().helpOption(false).action(() => {
      throw new InternalError('HELPER_COMMAND_IN_CLI', `${name} runs in the helper bundle: start it through dist/iamra.js.`);
    });
  }
  for (const command of program.commands) configureAll(command);
  program.configureOutput({ outputError: writeUsageError(program) });
  return program;
}

/** Exit override, one-line usage errors, and examples in every command's --help. */
function configureAll(command: Command): void {
  command.exitOverride();
  command.configureOutput({ outputError: writeUsageError(command) });
  const help = commandHelpText(fullCommandName(command), { takesStore: command.options.some((option) => option.long === '--store') });
  if (help !== undefined) command.addHelpText('after', help);
  for (const sub of command.commands) configureAll(sub);
}

/** Commander's usage errors ("error: ...\n(Did you mean ...?)") as one `iamra:` line. */
function writeUsageError(command: Command): (message: string, write: (text: string) => void) => void {
  return (message, write) => {
    const text = message.replace(/^error: /, '').replace(/\n\(Did you mean (.*)\?\)/, ' (did you mean $1?)').trim().replace(/\s*\n\s*/g, ' ').replace(/\.$/, '');
    const name = fullCommandName(command);
    write(`iamra: ${text}. Run "iamra ${name === '' ? '' : `${name} `}--help" for usage.\n`);
  };
}

/** Runs the CLI; returns the exit code. Only this module's caller exits the process. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  // No command at all is a request for help, as with the official helper: stdout, exit 0.
  if (argv.length <= 2) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    return reportError(error, argv.includes('--debug'));
  }
}

function reportError(error: unknown, debug: boolean): number {
  // The command has printed its result; only the status is left to give.
  if (error instanceof ExitStatus) return error.code;
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
