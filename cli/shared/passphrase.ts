// Secrets for the CA key and PKCS#12 bundles: from a file, an environment variable, or a no-echo prompt.
import { InputError, UsageError } from '../../errors.js';
import { promptSecret } from '../../io/tty-prompt.js';
import { readCliInput } from './common.js';

export interface SecretSource {
  /** `--passphrase-file` style option value. */
  file?: string;
  fileOption: string;
  environmentVariable: string;
  /** What the secret is for, e.g. "the CA key". */
  purpose: string;
  /** Ask twice on a terminal (for new secrets). */
  confirm: boolean;
}

/** Asks on the terminal only when stdin is one, so scripts with piped stdin never block on a prompt. */
async function promptTty(prompt: string): Promise<string | undefined> {
  return process.stdin.isTTY ? promptSecret(prompt) : undefined;
}

/** The secret, or a clear error when there is no file, no variable and no terminal. */
export async function readSecret(source: SecretSource): Promise<string> {
  if (source.file !== undefined) {
    const text = readCliInput(source.file, `${source.fileOption} for ${source.purpose}`).toString('utf8').replace(/\r?\n$/, '');
    if (text === '') throw new InputError('PASSPHRASE_EMPTY', `cannot use ${source.fileOption} ${source.file}: the file is empty. Put the passphrase in it.`);
    return text;
  }
  const fromEnvironment = process.env[source.environmentVariable];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  const first = await promptTty(`Passphrase for ${source.purpose}: `);
  if (first === undefined) {
    throw new UsageError('PASSPHRASE_REQUIRED', `no passphrase for ${source.purpose}: no terminal to ask on. Set ${source.environmentVariable} or pass ${source.fileOption}.`);
  }
  if (first === '') throw new InputError('PASSPHRASE_EMPTY', `no passphrase for ${source.purpose}: the passphrase is empty. Enter a non-empty passphrase.`);
  if (source.confirm && (await promptTty(`Repeat the passphrase for ${source.purpose}: `)) !== first) {
    throw new InputError('PASSPHRASE_MISMATCH', `no passphrase for ${source.purpose}: the two entries differ. Try again.`);
  }
  return first;
}
