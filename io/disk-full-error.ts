// The one error for a full disk (ENOSPC, EDQUOT from a file write; SQLITE_FULL from a database):
// DISK_FULL, exit 3 like other trouble with the files a command works on. The write that failed
// left nothing behind (the atomic writer removes its file, SQLite rolls the transaction back).
import { statfsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Whether a Node errno error says the disk or the user's quota is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Whether the filesystem holding `directory` has no block left for this user (false when it cannot tell). */
export function hasNoSpaceLeft(directory: string): boolean {
  try {
    return statfsSync(directory).bavail === 0;
  } catch {
    return false;
  }
}

export interface DiskFullOptions {
  /** What was being written: `CA database`, `the emulator state file`, `the output file`. */
  what: string;
  path: string;
  /** What the failure left as it was, for the end of the line: `nothing was written`. */
  outcome: string;
  cause?: unknown;
}

/** DISK_FULL for a write of `what` at `path` that found no space. */
export function diskFullError(options: DiskFullOptions): InputError {
  const file = resolve(options.path);
  return new InputError('DISK_FULL', `cannot write ${options.what} ${file}: the disk or filesystem holding it is full. Free space on it and rerun; ${options.outcome}.`, { cause: options.cause });
}
