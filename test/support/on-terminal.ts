// Runs a command on a pseudo-terminal (util-linux `script -qec CMD /dev/null`), so it has a
// /dev/tty to prompt on; types one answer at the first prompt. `output` is all the terminal
// showed (stdout and stderr, and the prompt); stdout may go to a file instead, to tell them apart.
import { spawn } from 'node:child_process';

export interface TerminalRun {
  output: string;
  status: number;
}

export interface TerminalOptions {
  cwd: string;
  /** Changes to this process's environment; undefined removes a variable. */
  env?: Record<string, string | undefined>;
  /** Typed (with a newline) once the output matches. */
  prompt: RegExp;
  answer: string;
  /** Runs when the prompt shows, before the answer is typed. */
  meanwhile?: () => void;
  /** The command's stdout goes to this file rather than the terminal. */
  stdoutPath?: string;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

export function onTerminal(argv: string[], options: TerminalOptions): Promise<TerminalRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const command = argv.map(quote).join(' ') + (options.stdoutPath ? ` > ${quote(options.stdoutPath)}` : '');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], { cwd: options.cwd, env });
    let output = '';
    let isAnswered = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (isAnswered || !options.prompt.test(output)) return;
      isAnswered = true;
      options.meanwhile?.();
      child.stdin.write(`${options.answer}\n`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ output, status: code ?? -1 });
    });
  });
}
