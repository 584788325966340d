// Writes the shared credentials file atomically (temp file + fsync + rename, mode 0600, parent
// directory 0700), following a symlinked file to its target so the link survives.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../../errors.js';
import type { SessionCredentials } from '../credentials.js';
import { updateCredentialsProfile } from './credentials-file.js';

/** $AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials. */
export function credentialsFilePath(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  return env.AWS_SHARED_CREDENTIALS_FILE || join(homeDir, '.aws', 'credentials');
}

function readExisting(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return '';
    throw new InputError('FILE_UNREADABLE', `cannot read the credentials file: ${(error as { code?: string }).code ?? 'error'} (${path}). Check its permissions.`, { cause: error });
  }
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
  const content = updateCredentialsProfile(readExisting(target), profile, credentials);
  const directory = dirname(target);
  const temp = join(directory, `.${basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as { code?: string }).code ?? 'error';
    throw new InputError('FILE_UNWRITABLE', `cannot write the credentials file: ${code} (${target}). Check the directory's permissions.`, { cause: error });
  }
}
