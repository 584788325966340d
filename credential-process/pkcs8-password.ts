// The password of an encrypted PKCS#8 key or a PKCS#12 file, from exactly one of three sources:
// --pkcs8-password (aws_signing_helper's flag, visible in `ps` until serve/update hide it),
// --pkcs8-password-file FILE (one trailing newline stripped) or IAMRA_PKCS8_PASSWORD.
import { InputError, UsageError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';

export const PKCS8_PASSWORD_ENV = 'IAMRA_PKCS8_PASSWORD';
/** A password is short; a larger file is not one. */
export const PASSWORD_FILE_MAX_BYTES = 64 * 1024;

export interface Pkcs8PasswordSources {
  /** --pkcs8-password */
  password: string | undefined;
  /** --pkcs8-password-file */
  passwordFile: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

/** The password, or undefined when no source is given (the helper may then prompt). */
export function resolvePkcs8Password(sources: Pkcs8PasswordSources): string | undefined {
  const fromEnvironment = sources.env[PKCS8_PASSWORD_ENV];
  const given = [
    sources.password !== undefined && sources.password !== '' ? '--pkcs8-password' : undefined,
    sources.passwordFile !== undefined && sources.passwordFile !== '' ? '--pkcs8-password-file' : undefined,
    fromEnvironment !== undefined && fromEnvironment !== '' ? PKCS8_PASSWORD_ENV : undefined,
  ].filter((name) => name !== undefined);
  if (given.length > 1) {
    throw new UsageError('PASSWORD_SOURCE_CONFLICT', `invalid flags: the key password is given more than once (${given.join(', ')}). Use only one of --pkcs8-password, --pkcs8-password-file and ${PKCS8_PASSWORD_ENV}.`);
  }
  if (given[0] === '--pkcs8-password') return sources.password;
  if (given[0] === PKCS8_PASSWORD_ENV) return fromEnvironment;
  if (given[0] === undefined) return undefined;
  // Non-null: given[0] is --pkcs8-password-file, which is only listed when passwordFile is set.
  const path = sources.passwordFile!;
  const text = readInputFile(path, { what: '--pkcs8-password-file', maxBytes: PASSWORD_FILE_MAX_BYTES }).toString('utf8').replace(/\r?\n$/, '');
  if (text === '') throw new InputError('PASSWORD_FILE_EMPTY', `cannot read --pkcs8-password-file: the file holds no password (${path}). Write the password into it.`);
  return text;
}
