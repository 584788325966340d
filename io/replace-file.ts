// Writes an output file that may replace an existing one (a CRL a cron job rewrites), atomically:
// readers see the old file or the new one, never a part (write-file-atomic.ts).
import { describeFileError, InputError } from '../errors.js';
import { diskFullError, isDiskFull } from './disk-full-error.js';
import { writeFileAtomic } from './write-file-atomic.js';

export function replaceFile(path: string, data: string | Uint8Array, mode: number): void {
  try {
    writeFileAtomic(path, data, { mode, replace: true });
  } catch (error) {
    if (isDiskFull(error)) throw diskFullError({ what: 'the output file', path, outcome: 'the file is as it was', cause: error });
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: ${describeFileError(error)}. Check that the directory exists and is writable.`, { cause: error });
  }
}
