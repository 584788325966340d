// Starts a long-running helper command (serve, update) as a child process and follows its stderr.
import { spawn, type ChildProcess } from 'node:child_process';
import { helperCommandLine } from '../../support/helper-runner.js';
import { isolatedEnv } from './run-helper.js';

export interface RunningHelper {
  child: ChildProcess;
  stderr: () => string;
  /** Resolves with the first stderr line matching, or rejects when the process exits first. */
  waitForLine: (pattern: RegExp, timeoutMs?: number) => Promise<RegExpExecArray>;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: () => Promise<number | null>;
  exited: Promise<number | null>;
}

export function spawnHelper(args: string[], env: Record<string, string | undefined> = {}): RunningHelper {
  const clean = Object.fromEntries(Object.entries({ ...process.env, ...isolatedEnv(env) }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
  const [command, ...rest] = helperCommandLine(args);
  const child = spawn(command!, rest, { env: clean, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitForLine = (pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const poll = (): void => {
        const m = stderr.split('\n').map((l) => pattern.exec(l)).find((x) => x !== null);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode}: ${stderr}`));
        if (Date.now() - started > timeoutMs) return reject(new Error(`no line ${pattern} in: ${stderr}`));
        setTimeout(poll, 25);
      };
      poll();
    });
  return {
    child,
    stderr: () => stderr,
    waitForLine,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
