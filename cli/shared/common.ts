// Shared pieces of the CA and publishing commands: --ca resolution, the audit actor, file input and output.
import { type Command, Option } from 'commander';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { describeFileError, InputError } from '../../errors.js';
import { openCa, type OpenCa } from '../../ca/open-ca.js';
import { parseStoreLocation, type StoreLocation } from '../../ca/ca-config.js';
import { readInputFile } from '../../io/read-input-file.js';

export const CA_OPTION_HELP = 'CA directory (default: $IAMRA_CA_DIR, else ./iamra-ca)';

export const STORE_OPTION_HELP = 'CA store: sqlite:FILE or postgres://USER@HOST[:PORT]/DB (default: $IAMRA_STORE, else the CA directory\'s ca.json)';

/** --ca and --store: every CA command takes both. */
export function addCaOption(command: Command): Command {
  return command.addOption(new Option('--ca <dir>', CA_OPTION_HELP)).addOption(new Option('--store <location>', STORE_OPTION_HELP));
}

/** The store --store or $IAMRA_STORE names (a relative sqlite: file from the working directory), if any. */
export function storeOption(option: string | undefined): StoreLocation | undefined {
  const location = option ?? process.env.IAMRA_STORE;
  return location === undefined || location === '' ? undefined : parseStoreLocation(location, process.cwd());
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

/** Opens the CA, runs `fn`, and always closes it (its store and any signing key opened). */
export async function withCa<T>(options: { ca?: string; store?: string }, fn: (ca: OpenCa) => T | Promise<T>): Promise<T> {
  const store = storeOption(options.store);
  const ca = await openCa({ dir: caDir(options.ca), ...(store ? { store } : {}) });
  try {
    return await fn(ca);
  } finally {
    await ca.close();
  }
}

/** Files the CLI reads (CSRs, certificates, CRLs, templates, passphrase files) are far smaller. */
export const CLI_INPUT_MAX_BYTES = 16 * 1024 * 1024;

/** Reads a file (or stdin for file descriptor 0); errors name the input, never its content. */
export function readCliInput(path: string | 0, what: string): Buffer {
  if (path !== 0) return readInputFile(path, { what, maxBytes: CLI_INPUT_MAX_BYTES, todo: 'Check the path' });
  try {
    return readFileSync(0);
  } catch (error) {
    throw new InputError('FILE_UNREADABLE', `cannot read ${what}: ${describeFileError(error)} (stdin). Check the input.`, { cause: error });
  }
}

/**
 * Refuses an output path that exists or whose directory cannot be written. Commands call it
 * before they sign or store anything, so a refused output never leaves a stored record behind.
 */
export function checkNewOutputPath(path: string): void {
  if (existsSync(path)) throw new InputError('OUTPUT_EXISTS', `cannot write ${path}: the file already exists. Remove it or choose another path.`);
  checkOutputDirectory(path);
}

/** Refuses an output path whose directory cannot be written (a file that may be replaced, too). */
export function checkOutputDirectory(path: string): void {
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch {
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: its directory does not exist or is not writable. Check the path.`);
  }
}

/**
 * Writes to stdout and resolves once the data is handed to the OS. Commands await it: the CLI
 * ends with process.exit(), which would drop piped output still queued (a large `list --json`).
 */
export function writeStdout(data: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (error) => (error ? reject(error) : resolve())));
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
