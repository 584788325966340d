// Runs the built `iamra` binary (dist/iamra.js, built by `npm test`'s pretest) with an argument array.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const IAMRA_BIN = join(import.meta.dirname, '../../dist/iamra.js');

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
  /** Called with the started process (runCliAsync), e.g. to kill it at a chosen moment. */
  onSpawn?: (child: ChildProcess) => void;
  /** Another program in place of `node dist/iamra.js` (the helper executable). */
  program?: { command: string; prefix: string[] };
}

function environment(extra?: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

function programOf(options: CliOptions): string[] {
  return options.program ? [options.program.command, ...options.program.prefix] : [process.execPath, IAMRA_BIN];
}

/** Runs iamra synchronously. */
export function runCli(args: string[], options: CliOptions = {}): CliResult {
  const [command, ...prefix] = programOf(options);
  const result = spawnSync(command!, [...prefix, ...args], {
    cwd: options.cwd,
    env: environment(options.env),
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Runs iamra without blocking the event loop (needed when the test also runs a server in-process). */
export function runCliAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const [command, ...prefix] = programOf(options);
    const child = spawn(command!, [...prefix, ...args], { cwd: options.cwd, env: environment(options.env) });
    options.onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
    // A fast child (the helper executable) may exit before reading stdin: EPIPE there is not a failure.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
