// Use-case `ca restore` (issue 9): brings a `ca backup` file back into an empty (or new) directory,
// with its database as a new SQLite ca.db there or, given a postgres:// store, in an empty
// PostgreSQL database. Every part's SHA-256 is checked before anything is written; then the
// database must pass SQLite's PRAGMA integrity_check and hold the row counts the backup records,
// and the key must open (with its passphrase) and match the CA certificate. Only then are the rows
// loaded into PostgreSQL, in one transaction with the schema migration: it is the last step, so
// a refused restore leaves the directory as it was and the database unchanged.
import { mkdirSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, UsageError } from '../errors.js';
import { PUBLIC_FILE_MODE, SECRET_FILE_MODE } from '../io/write-file-atomic.js';
import { writeNewFile } from '../io/write-new-file.js';
import { BACKUP_FILES, decodeCaBackup, type CaBackup } from './ca-backup-format.js';
import { caConfigJson, describeStoreLocation, storeLocationForConfig, type CaConfig, type StoreLocation } from './ca-config.js';
import { caPaths, type CaPaths } from './ca-paths.js';
import type { PassphraseSource } from './ca-signer.js';
import { exportStore } from './export-store.js';
import { openCa, type OpenCa } from './open-ca.js';
import { openStoreDump } from './store/open-store-dump.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';

export interface RestoreCaInput {
  dir: string;
  backupText: string;
  source: string;
  /** Where the database goes: a postgres:// store (empty), or by default ca.db in `dir`. */
  store?: StoreLocation;
  passphrase: PassphraseSource;
  now: Date;
  actor: string;
}

export interface RestoreCaResult {
  dir: string;
  files: string[];
  backupCreatedAt: string;
  /** The restored store, for messages (a URL without its password). */
  store: string;
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

/** The database's place: postgres:// as given; SQLite only as ca.db in the directory, where ca.json names it. */
function targetStore(store: StoreLocation | undefined, paths: CaPaths): StoreLocation | undefined {
  if (store === undefined || store.scheme === 'postgres') return store;
  if (store.path === paths.database) return undefined;
  throw new UsageError('RESTORE_STORE_UNSUPPORTED', `cannot restore into the store ${store.path}: an SQLite store is restored as ca.db in the --ca directory. Leave out --store (and IAMRA_STORE), or give a postgres:// URL.`);
}

/** The backup's ca.json with `store` pointed at the restored database (never with a password). */
function restoredConfig(backup: CaBackup, source: string, store: StoreLocation | undefined): Buffer {
  // Non-null: decodeCaBackup refuses a backup without ca.json.
  const data = backup.files['ca.json']!;
  if (store?.scheme !== 'postgres') return data;
  let config: CaConfig;
  try {
    config = JSON.parse(data.toString('utf8')) as CaConfig;
  } catch {
    throw new InputError('BACKUP_INVALID', `cannot restore from ${source}: its ca.json is not JSON. Give a file written by "iamra ca backup".`);
  }
  return Buffer.from(caConfigJson({ ...config, store: storeLocationForConfig(store.url) }));
}

async function checkRestored(ca: OpenCa, backup: CaBackup, source: string, passphrase: PassphraseSource): Promise<void> {
  // SQLite's report is multi-line; the message stays one line with its first two findings.
  const problems = ((await ca.integrityProblems?.()) ?? []).flatMap((p) => p.split('\n')).filter((p) => p.trim() !== '' && !p.startsWith('***'));
  if (problems.length > 0) throw new InputError('BACKUP_INVALID', `cannot restore into ${ca.paths.dir}: the database fails its integrity check (${problems.slice(0, 2).join('; ')}). Use another backup.`);
  const { tables } = backup;
  if (tables) {
    const dump = await openStoreDump(ca.storeLocation, false);
    const counts = await dump.counts().finally(() => dump.close());
    const wrong = Object.keys({ ...tables, ...counts }).filter((t) => tables[t] !== counts[t]);
    if (wrong.length > 0) throw new InputError('BACKUP_INVALID', `cannot restore from ${source}: its database holds other row counts than the backup records (${wrong.map((t) => `${t} ${counts[t] ?? 0} of ${tables[t] ?? 0}`).join(', ')}). Use another backup.`);
  }
  // Opening the signer checks that the key (with its passphrase) belongs to the CA certificate.
  if (ca.certificate) await ca.signer(passphrase);
}

/** Writes the backup's files into the directory, and ca.db to `database`; adds each one in the directory to `written`. */
function writeFiles(backup: CaBackup, paths: CaPaths, database: string, config: Buffer, written: string[]): void {
  for (const name of BACKUP_FILES) {
    const data = name === 'ca.json' ? config : backup.files[name];
    if (!data) continue;
    const path = name === 'ca.db' ? database : join(paths.dir, name);
    writeNewFile(path, data, name === 'ca.key' || name === 'ca.db' ? SECRET_FILE_MODE : PUBLIC_FILE_MODE);
    if (path.startsWith(`${paths.dir}/`)) written.push(path);
  }
}

/** Loads the checked SQLite copy into the PostgreSQL store: migration and rows in one transaction. */
async function loadInto(store: StoreLocation, database: string): Promise<void> {
  try {
    await exportStore({ from: { scheme: 'sqlite', path: database }, to: store });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'CA_STORE_NOT_EMPTY') throw error;
    throw new InputError('RESTORE_TARGET_NOT_EMPTY', `cannot restore into the CA store ${describeStoreLocation(store)}: it already holds CA records. Give an empty database in --store.`, { cause: error });
  }
}

export async function restoreCa(input: RestoreCaInput): Promise<RestoreCaResult> {
  const backup = decodeCaBackup(input.backupText, input.source);
  const paths = caPaths(input.dir);
  const store = targetStore(input.store, paths);
  const config = restoredConfig(backup, input.source, store);
  const isCreated = claimDirectory(paths.dir);
  // For PostgreSQL the checked copy waits in a private directory until it is loaded, then goes.
  const scratch = store ? mkdtempSync(join(tmpdir(), 'iamra-restore-')) : undefined;
  const database = scratch ? join(scratch, 'ca.db') : paths.database;
  const written: string[] = [];
  try {
    writeFiles(backup, paths, database, config, written);
    const ca = await openCa({ dir: paths.dir, store: { scheme: 'sqlite', path: database } });
    let subject: string | undefined;
    try {
      await checkRestored(ca, backup, input.source, input.passphrase);
      await ca.store.putSettings({}, { at: input.now, actor: input.actor, action: 'ca.restore', detail: { source: input.source, backupCreatedAt: backup.createdAt } });
      subject = ca.certificate ? readX509Certificate(ca.certificate.der).subject.replace(/\n/g, ', ') : undefined;
    } finally {
      await ca.close();
    }
    if (store) await loadInto(store, database);
    const files = written.map((p) => p.slice(paths.dir.length + 1));
    return { dir: paths.dir, files, backupCreatedAt: backup.createdAt, store: describeStoreLocation(store ?? { scheme: 'sqlite', path: paths.database }), subject };
  } catch (error) {
    for (const path of [...written, `${paths.database}-wal`, `${paths.database}-shm`]) rmSync(path, { force: true });
    if (isCreated) rmdirSync(paths.dir);
    throw error;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
