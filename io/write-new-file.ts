// Writes an output file that must not exist yet (keys, certificates, CRLs, PKCS#12), atomically,
// with the one wording of its failures: the file exists, the disk is full, or it cannot be written.
import { describeFileError, InputError } from '../errors.js';
import { diskFullError, isDiskFull } from './disk-full-error.js';
import { writeFileAtomic } from './write-file-atomic.js';

export function writeNewFile(path: string, data: string | Uint8Array, mode: number): void {
  try {
    writeFileAtomic(path, data, { mode, replace: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new InputError('OUTPUT_EXISTS', `cannot write ${path}: the file already exists. Remove it or choose another path.`, { cause: error });
    }
    if (isDiskFull(error)) throw diskFullError({ what: 'the output file', path, outcome: 'nothing was written to it', cause: error });
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write ${path}: ${describeFileError(error)}. Check that the directory exists and is writable.`, { cause: error });
  }
}
