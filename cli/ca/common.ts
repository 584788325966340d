// Shared pieces of the CA commands: --ca resolution, the audit actor, file input and output.
import { type Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { InputError } from '../../errors.js';
import { openCa, type OpenCa } from '../../ca/open-ca.js';

export const CA_OPTION_HELP = 'CA directory (default: $IAMRA_CA_DIR, else ./iamra-ca)';

export function addCaOption(command: Command): Command {
  return command.addOption(new Option('--ca <dir>', CA_OPTION_HELP));
}

export function caDir(option: string | undefined): string {
  return option ?? process.env.IAMRA_CA_DIR ?? 'iamra-ca';
}

/** Who did it, for the audit log: `user@host` (pid). */
export function actor(): string {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    user = process.env.USER ?? 'unknown';
  }
  return `${user}@${hostname()} pid ${process.pid}`;
}

/** Opens the CA, runs `fn`, and always closes the store. */
export async function withCa<T>(dirOption: string | undefined, fn: (ca: OpenCa) => T | Promise<T>): Promise<T> {
  const ca = openCa(caDir(dirOption));
  try {
    return await fn(ca);
  } finally {
    ca.store.close();
  }
}

export function readInputFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('INPUT_UNREADABLE', `cannot read ${what} ${path}: ${code === 'ENOENT' ? 'no such file' : code}. Check the path.`, { cause: error });
  }
}

export function writeStdout(text: string): void {
  process.stdout.write(text);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
