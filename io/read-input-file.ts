// The one input reader (issue 8): a file the user named, read whole. It opens without blocking
// (O_NONBLOCK: a FIFO without a writer, or a device, cannot hang the process), checks with fstat
// that it is a regular file within the caller's size cap, then reads. Every failure is
// FILE_UNREADABLE with one wording: `cannot read <what>: <why> (<path>). <what to do>.`
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';
import { describeFileError, InputError } from '../errors.js';

export interface ReadInputOptions {
  /** What the file is, for the message: `certificate`, `CA key`, `--roles file`. */
  what: string;
  /** Larger files are refused before they are read. */
  maxBytes: number;
  /** The advice at the end of the message. @default 'Check the path and its permissions' */
  todo?: string;
}

const DEFAULT_TODO = 'Check the path and its permissions';

export function readInputFile(path: string, options: ReadInputOptions): Buffer {
  const fail = (why: string, cause?: unknown) =>
    new InputError('FILE_UNREADABLE', `cannot read ${options.what}: ${why} (${path}). ${options.todo ?? DEFAULT_TODO}.`, { cause });
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    throw fail(describeFileError(error), error);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw fail(kindOf(stat));
    if (stat.size > options.maxBytes) throw fail(`it is ${stat.size} bytes, more than the ${options.maxBytes} bytes accepted`);
    return readFileSync(fd);
  } catch (error) {
    throw error instanceof InputError ? error : fail(describeFileError(error), error);
  } finally {
    closeSync(fd);
  }
}

/** The same, but a missing file is `undefined` (a file the command may create). */
export function readInputFileIfExists(path: string, options: ReadInputOptions): Buffer | undefined {
  try {
    return readInputFile(path, options);
  } catch (error) {
    if (error instanceof InputError && (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return undefined;
    throw error;
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return 'it is a directory';
  if (stat.isFIFO()) return 'it is a named pipe, not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'it is a device, not a regular file';
  return 'it is not a regular file';
}
