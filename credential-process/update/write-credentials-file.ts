// Writes the shared credentials file atomically (io/write-file-atomic: mode 0600, parent
// directory 0700) under an advisory lock, following a symlinked file to its target so the link survives.
import { mkdirSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describeFileError, IamraError, InputError } from '../../errors.js';
import { diskFullError, isDiskFull } from '../../io/disk-full-error.js';
import { readInputFileIfExists } from '../../io/read-input-file.js';
import { SECRET_FILE_MODE, writeFileAtomic } from '../../io/write-file-atomic.js';
import type { SessionCredentials } from '../credentials.js';
import { updateCredentialsProfile } from './credentials-file.js';
import { withFileLock } from './file-lock.js';

/** $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsFilePath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir, '.aws', 'credentials');
}

/** A shared credentials file holds a few profiles; a larger one is not ours to rewrite. */
const CREDENTIALS_FILE_MAX_BYTES = 16 * 1024 * 1024;

function readExisting(path: string): string {
  const data = readInputFileIfExists(path, { what: 'the credentials file', maxBytes: CREDENTIALS_FILE_MAX_BYTES });
  return data === undefined ? '' : data.toString('utf8');
}

function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

export function writeCredentialsProfile(path: string, profile: string, credentials: SessionCredentials): void {
  const target = resolveTarget(path);
  const directory = dirname(target);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw unwritable(error, target);
  }
  try {
    withFileLock(target, () => replaceFile(target, updateCredentialsProfile(readExisting(target), profile, credentials)));
  } catch (error) {
    throw error instanceof IamraError ? error : unwritable(error, target);
  }
}

function unwritable(error: unknown, target: string): InputError {
  if (isDiskFull(error)) return diskFullError({ what: 'the credentials file', path: target, outcome: 'the file is as it was', cause: error });
  return new InputError('FILE_UNWRITABLE', `cannot write the credentials file: ${describeFileError(error)} (${target}). Check the directory's permissions.`, { cause: error });
}

function replaceFile(target: string, content: string): void {
  try {
    writeFileAtomic(target, content, { mode: SECRET_FILE_MODE, replace: true });
  } catch (error) {
    throw unwritable(error, target);
  }
}
