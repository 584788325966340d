// The effects every helper command reaches through: environment, clock, randomness, sleeping,
// output streams and the terminal prompt. main.ts builds the real one; tests may build others.

export interface HelperContext {
  env: Readonly<Record<string, string | undefined>>;
  homeDir: string;
  now: () => Date;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  stdout: (text: string | Uint8Array) => void;
  /** One diagnostic line (a newline is added). */
  stderr: (line: string) => void;
  prompt: (question: string) => Promise<string | undefined>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); long-running commands return then. */
  stopSignal: Promise<void>;
  /** Reads an input file (certificate, key, intermediates); see IdentityEnvironment.readFile. */
  readFile?: (path: string, what: string) => Buffer;
  /** How the user invoked the helper, for help text (`iamra`, or the executable's name). */
  programName?: string;
}
