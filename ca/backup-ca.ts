// Use-case `ca backup` (issue 9): a consistent copy of a live CA in one file (ca/ca-backup-format.ts).
// An SQLite store is copied by its online backup, never by copying ca.db: a copy taken while
// another process commits can mix pages of two transactions, or miss what is still in ca.db-wal.
// A PostgreSQL store is read in one REPEATABLE READ READ ONLY transaction into a new SQLite file
// (ca export-store's copy), so the backup is the same format whatever the store. The copy is made
// in a private temporary directory and removed; the backup is written 0600 through the one atomic
// writer (it holds the CA key file, encrypted unless --no-encrypt).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInputFile } from '../io/read-input-file.js';
import { SECRET_FILE_MODE } from '../io/write-file-atomic.js';
import { writeNewFile } from '../io/write-new-file.js';
import { encodeCaBackup, type CaBackup } from './ca-backup-format.js';
import { caConfigJson, parseKeyLocation, type StoreLocation } from './ca-config.js';
import { exportStore } from './export-store.js';
import { CA_FILE_MAX_BYTES, SETTING_KEY_ENCRYPTED, type OpenCa } from './open-ca.js';
import { openStoreDump } from './store/open-store-dump.js';
import type { TableCounts } from './store/store-dump.js';

export interface BackupCaInput {
  ca: OpenCa;
  out: string;
  now: Date;
}

export interface BackupCaResult {
  out: string;
  files: string[];
  /** Rows per table in the backed-up database. */
  tables: TableCounts;
  isKeyEncrypted: boolean;
}

interface DatabaseCopy {
  data: Buffer;
  tables: TableCounts;
}

async function databaseCopy(ca: OpenCa): Promise<DatabaseCopy> {
  const scratch = mkdtempSync(join(tmpdir(), 'iamra-backup-'));
  const copy: StoreLocation = { scheme: 'sqlite', path: join(scratch, 'ca.db') };
  try {
    let tables: TableCounts;
    if (ca.backupTo) {
      await ca.backupTo(copy.path);
      const dump = await openStoreDump(copy, false);
      try {
        tables = await dump.counts();
      } finally {
        await dump.close();
      }
    } else {
      tables = await exportStore({ from: ca.storeLocation, to: copy });
    }
    return { data: readFileSync(copy.path), tables };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function readOptional(path: string, what: string): Buffer | undefined {
  return existsSync(path) ? readInputFile(path, { what, maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' }) : undefined;
}

export async function backupCa(input: BackupCaInput): Promise<BackupCaResult> {
  const { ca } = input;
  const key = parseKeyLocation(ca.config.key, ca.paths.dir);
  const database = await databaseCopy(ca);
  const files: CaBackup['files'] = {
    'ca.db': database.data,
    // Restore lays the files out under their usual names; a token key stays its URI.
    'ca.json': Buffer.from(caConfigJson({ ...ca.config, store: 'sqlite:ca.db', key: key.scheme === 'file' ? 'file:ca.key' : key.uri })),
  };
  if (key.scheme === 'file') files['ca.key'] = readInputFile(key.path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const optional = { 'ca.crt': ca.paths.certificate, 'ca-chain.crt': ca.paths.chain, 'ca.csr': ca.paths.csr } as const;
  for (const [name, path] of Object.entries(optional)) {
    const data = readOptional(path, name);
    if (data) files[name as keyof typeof optional] = data;
  }
  writeNewFile(input.out, encodeCaBackup({ createdAt: input.now.toISOString(), tables: database.tables, files }), SECRET_FILE_MODE);
  const isKeyEncrypted = (await ca.store.getSetting(SETTING_KEY_ENCRYPTED)) !== 'false';
  return { out: input.out, files: Object.keys(files), tables: database.tables, isKeyEncrypted };
}
