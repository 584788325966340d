// Entry of the lean credential helper bundle (issue 4): the aws_signing_helper-compatible
// commands, Node builtins only. Errors become one stderr line and a documented exit code here;
// bin.ts, the helper's entry, is the only file that ends the process.
import { errorReport, UsageError } from '../errors.js';
import { promptSecret } from '../io/tty-prompt.js';
import { runCredentialProcess } from './commands/credential-process.js';
import { runReadCertificateData } from './commands/read-certificate-data.js';
import { runServe } from './commands/serve.js';
import { runSignString } from './commands/sign-string.js';
import { runUpdate } from './commands/update.js';
import { programName, runHelp } from './commands/help.js';
import { runVersion } from './commands/version.js';
import type { HelperContext } from './context.js';

type Command = (argv: readonly string[], ctx: HelperContext) => Promise<void>;

export const HELPER_COMMANDS: Readonly<Record<string, Command>> = {
  'credential-process': runCredentialProcess,
  serve: runServe,
  update: runUpdate,
  'sign-string': runSignString,
  'read-certificate-data': runReadCertificateData,
  version: runVersion,
};

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** The real effects. HOME is used as is; node:os loads only when it is unset (lean start). */
export async function processContext(isLongRunning: boolean): Promise<HelperContext> {
  const homeDir = process.env.HOME || (await import('node:os')).homedir();
  return {
    env: process.env,
    homeDir,
    now: () => new Date(),
    random: Math.random,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    prompt: promptSecret,
    // Only serve and update wait for a signal; installing handlers costs the others start time.
    stopSignal: isLongRunning ? stopSignal() : new Promise<void>(() => undefined),
    // A Bun-compiled executable's entry lives in its embedded file system (/$bunfs/, B:\~BUN\).
    programName: programName(process.execPath, /^(\/\$bunfs\/|[A-Z]:\\~BUN\\)/.test(process.argv[1] ?? '')),
  };
}

/** Runs one helper command; returns the exit code. */
export async function runHelper(argv: readonly string[], ctx: HelperContext): Promise<number> {
  const [name, ...rest] = argv;
  const isDebug = rest.includes('--debug');
  try {
    const command = name === undefined || name === '--help' || name === '-h' || name === 'help' ? runHelp : HELPER_COMMANDS[name];
    if (!command) throw new UsageError('UNKNOWN_COMMAND', `unknown command: ${JSON.stringify(name ?? '')}. Run iamra --help.`);
    await command(rest, ctx);
    return 0;
  } catch (error) {
    const report = errorReport(error, isDebug);
    for (const line of report.lines) ctx.stderr(line);
    return report.exitCode;
  }
}
