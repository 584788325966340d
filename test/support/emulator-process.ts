// Runs `iamra emulator` (the built binary) as a child process: waits for the URL on stdout,
// collects stderr, and stops it with a signal.
import { spawn } from 'node:child_process';
import { IAMRA_BIN } from './run-cli.js';

export interface EmulatorProcess {
  url: string;
  stderr(): string;
  /** Resolves once stderr contains `text` (the log is written after the answer is sent). */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  /** Sends the signal and resolves with the exit code once the process ends. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startEmulatorProcess(args: string[], options: { cwd?: string } = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [IAMRA_BIN, 'emulator', ...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of waiters.filter((x) => stderr.includes(x.text))) w.resolve();
  });
  const waitForStderr = (text: string, timeoutMs = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      if (stderr.includes(text)) return resolve();
      const timer = setTimeout(() => reject(new Error(`stderr never contained ${JSON.stringify(text)}: ${stderr}`)), timeoutMs);
      waiters.push({ text, resolve: () => (clearTimeout(timer), resolve()) });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`emulator did not print its URL; stderr: ${stderr}`));
    }, 20_000);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${code} before printing its URL; stderr: ${stderr}`));
    });
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      resolve({
        url: stdout.slice(0, newline),
        stderr: () => stderr,
        waitForStderr,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}
