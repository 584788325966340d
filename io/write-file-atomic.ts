// The one atomic file write (issue 8, issue 9): a replacement goes to a temporary file in the
// target's directory (created exclusively with the final mode), is fsynced and renamed over the
// target; a new file is created exclusively at its final path and fsynced there, so no second name
// ever holds its bytes (keys). Either way the directory is fsynced before the call returns, so the
// name survives a crash. A failure removes what it created. Errors are Node's errno errors.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
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
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  if (options.replace) writeAndRename(path, bytes, options.mode);
  else writeExclusive(path, bytes, options.mode);
  fsyncDirectory(dirname(path));
}

/**
 * A new file is written in place, created exclusively: there is no second name that a kill could
 * leave behind holding a key (issue 9). A failed write removes the file it created.
 */
function writeExclusive(path: string, data: Uint8Array, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  let isWritten = false;
  try {
    writeAll(fd, data);
    fsyncSync(fd);
    isWritten = true;
  } finally {
    closeSync(fd);
    if (!isWritten) rmSync(path, { force: true });
  }
}

/** A replacement goes through a temporary file renamed over the target: readers see old or new. */
function writeAndRename(path: string, data: Uint8Array, mode: number): void {
  const directory = dirname(path);
  removeStaleTemporaries(path);
  const temporary = join(directory, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', mode);
  try {
    try {
      writeAll(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * A process killed between writing its temporary file and the rename leaves the file behind: the
 * next replacement of the same target removes those of processes that are gone.
 */
function removeStaleTemporaries(path: string): void {
  const directory = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return;
  }
  for (const name of names) {
    const middle = name.startsWith(prefix) && name.endsWith('.tmp') ? name.slice(prefix.length, -'.tmp'.length) : '';
    const match = /^(\d+)\.[0-9a-f]{12}$/.exec(middle);
    if (match && !isAlive(Number(match[1]))) rmSync(join(directory, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
