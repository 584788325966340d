// Use-case `ca restore` (issue 9): brings a `ca backup` file back into an empty (or new) directory.
// Every part's SHA-256 is checked before anything is written; then the database must pass SQLite's
// PRAGMA integrity_check and the key must open (with its passphrase) and match the CA certificate.
// Any failure removes what was written, so a refused restore leaves the directory as it was.
import { mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE } from '../io/write-file-atomic.js';
import { writeNewFile } from '../io/write-new-file.js';
import { BACKUP_FILES, decodeCaBackup } from './ca-backup-format.js';
import { caPaths } from './ca-paths.js';
import type { PassphraseSource } from './ca-signer.js';
import { openCa, type OpenCa } from './open-ca.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';

export interface RestoreCaInput {
  dir: string;
  backupText: string;
  source: string;
  passphrase: PassphraseSource;
  now: Date;
  actor: string;
}

export interface RestoreCaResult {
  dir: string;
  files: string[];
  backupCreatedAt: string;
  /** The CA certificate's subject, or undefined for an intermediate still waiting for it. */
  subject: string | undefined;
}

/** Creates the directory (0700) or checks that it is empty; says whether it was created. */
function claimDirectory(dir: string): boolean {
  try {
    mkdirSync(dir, { mode: 0o700 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new InputError('RESTORE_TARGET_UNWRITABLE', `cannot restore into ${dir}: ${(error as Error).message}. Check that the parent directory exists and is writable.`, { cause: error });
    }
  }
  if (readdirSync(dir).length > 0) throw new InputError('RESTORE_TARGET_NOT_EMPTY', `cannot restore into ${dir}: the directory is not empty. Give a new or empty --ca directory.`);
  return false;
}

async function checkRestored(ca: OpenCa, passphrase: PassphraseSource): Promise<void> {
  // SQLite's report is multi-line; the message stays one line with its first two findings.
  const problems = ((await ca.integrityProblems?.()) ?? []).flatMap((p) => p.split('\n')).filter((p) => p.trim() !== '' && !p.startsWith('***'));
  if (problems.length > 0) throw new InputError('BACKUP_INVALID', `cannot restore into ${ca.paths.dir}: the database fails its integrity check (${problems.slice(0, 2).join('; ')}). Use another backup.`);
  // Opening the signer checks that the key (with its passphrase) belongs to the CA certificate.
  if (ca.certificate) await ca.signer(passphrase);
}

export async function restoreCa(input: RestoreCaInput): Promise<RestoreCaResult> {
  const backup = decodeCaBackup(input.backupText, input.source);
  const paths = caPaths(input.dir);
  const isCreated = claimDirectory(paths.dir);
  const written: string[] = [];
  try {
    for (const name of BACKUP_FILES) {
      const data = backup.files[name];
      if (!data) continue;
      const path = join(paths.dir, name);
      writeNewFile(path, data, name === 'ca.key' || name === 'ca.db' ? SECRET_FILE_MODE : PUBLIC_FILE_MODE);
      written.push(path);
    }
    const ca = await openCa({ dir: paths.dir });
    try {
      await checkRestored(ca, input.passphrase);
      await ca.store.putSettings({}, { at: input.now, actor: input.actor, action: 'ca.restore', detail: { source: input.source, backupCreatedAt: backup.createdAt } });
      const subject = ca.certificate ? readX509Certificate(ca.certificate.der).subject.replace(/\n/g, ', ') : undefined;
      return { dir: paths.dir, files: written.map((p) => p.slice(paths.dir.length + 1)), backupCreatedAt: backup.createdAt, subject };
    } finally {
      await ca.close();
    }
  } catch (error) {
    for (const path of [...written, `${paths.database}-wal`, `${paths.database}-shm`]) rmSync(path, { force: true });
    if (isCreated) rmdirSync(paths.dir);
    throw error;
  }
}
