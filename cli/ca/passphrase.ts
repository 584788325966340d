// Secrets for the CA key and PKCS#12 bundles: from a file, an environment variable, or a no-echo prompt.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, readSync, writeSync } from 'node:fs';
import { InputError, UsageError } from '../../errors.js';
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

/**
 * Reads a line from the controlling terminal without echo; undefined unless stdin is a terminal
 * (so scripts and tests with piped stdin never block on a prompt).
 */
function promptTty(prompt: string): string | undefined {
  if (!process.stdin.isTTY) return undefined;
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r+');
  } catch {
    return undefined;
  }
  try {
    // Echo goes off before the prompt shows, so nothing typed after the prompt is ever echoed.
    spawnSync('stty', ['-echo'], { stdio: [fd, 'ignore', 'ignore'] });
    writeSync(fd, prompt);
    const chunks: Buffer[] = [];
    const byte = Buffer.alloc(1);
    while (readSync(fd, byte, 0, 1, null) === 1 && byte[0] !== 0x0a && byte[0] !== 0x0d) chunks.push(Buffer.from(byte));
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    spawnSync('stty', ['echo'], { stdio: [fd, 'ignore', 'ignore'] });
    writeSync(fd, '\n');
    closeSync(fd);
  }
}

/** The secret, or a clear error when there is no file, no variable and no terminal. */
export function readSecret(source: SecretSource): string {
  if (source.file !== undefined) {
    const text = readCliInput(source.file, `${source.fileOption} for ${source.purpose}`).toString('utf8').replace(/\r?\n$/, '');
    if (text === '') throw new InputError('PASSPHRASE_EMPTY', `cannot use ${source.fileOption} ${source.file}: the file is empty. Put the passphrase in it.`);
    return text;
  }
  const fromEnvironment = process.env[source.environmentVariable];
  if (fromEnvironment !== undefined && fromEnvironment !== '') return fromEnvironment;
  const first = promptTty(`Passphrase for ${source.purpose}: `);
  if (first === undefined) {
    throw new UsageError('PASSPHRASE_REQUIRED', `no passphrase for ${source.purpose}: no terminal to ask on. Set ${source.environmentVariable} or pass ${source.fileOption}.`);
  }
  if (first === '') throw new InputError('PASSPHRASE_EMPTY', `no passphrase for ${source.purpose}: the passphrase is empty. Enter a non-empty passphrase.`);
  if (source.confirm && promptTty(`Repeat the passphrase for ${source.purpose}: `) !== first) {
    throw new InputError('PASSPHRASE_MISMATCH', `no passphrase for ${source.purpose}: the two entries differ. Try again.`);
  }
  return first;
}
