// The one atomic file write (issue 8): the bytes go to a temporary file in the target's directory
// (created exclusively with the final mode), are fsynced, then published by rename (replace) or
// hard link (never over an existing file), and the directory is fsynced so the new name survives
// a crash. A failure removes the temporary file. Errors are Node's errno errors; callers word them.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Owner read/write only: keys, credentials, caches. */
export const SECRET_FILE_MODE = 0o600;
/** World-readable public material: certificates, CRLs. */
export const PUBLIC_FILE_MODE = 0o644;

export interface AtomicWriteOptions {
  /** Mode of the new file (before the umask). */
  mode: number;
  /** Replace an existing file (rename); otherwise fail with EEXIST and leave it as it was. */
  replace: boolean;
}

export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions): void {
  const directory = dirname(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', options.mode);
  try {
    try {
      writeAll(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.replace) renameSync(temporary, path);
    else linkSync(temporary, path);
  } finally {
    // After a rename the name is gone already; after a link or a failure it must go.
    rmSync(temporary, { force: true });
  }
  fsyncDirectory(directory);
}

function writeAll(fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
}

/** Makes a new or renamed entry durable. Filesystems that cannot fsync a directory say EINVAL. */
function fsyncDirectory(directory: string): void {
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EINVAL') throw error;
  } finally {
    closeSync(fd);
  }
}
