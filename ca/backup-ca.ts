// Use-case `ca backup` (issue 9): a consistent copy of a live CA in one file (ca/ca-backup-format.ts).
// The database comes from the store's online backup, never from copying ca.db: a copy taken while
// another process commits can mix pages of two transactions, or miss what is still in ca.db-wal.
// The copy is made in a private temporary directory and removed; the backup is written 0600
// through the one atomic writer (it holds the CA key file, encrypted unless --no-encrypt).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { SECRET_FILE_MODE } from '../io/write-file-atomic.js';
import { writeNewFile } from '../io/write-new-file.js';
import { encodeCaBackup, type CaBackup } from './ca-backup-format.js';
import { caConfigJson, parseKeyLocation } from './ca-config.js';
import { CA_FILE_MAX_BYTES, SETTING_KEY_ENCRYPTED, type OpenCa } from './open-ca.js';

export interface BackupCaInput {
  ca: OpenCa;
  out: string;
  now: Date;
}

export interface BackupCaResult {
  out: string;
  files: string[];
  isKeyEncrypted: boolean;
}

async function databaseCopy(ca: OpenCa): Promise<Buffer> {
  if (!ca.backupTo) {
    throw new InputError('BACKUP_UNSUPPORTED', `cannot back up the CA in ${ca.paths.dir}: its store (${ca.config.store.split(':')[0]}) has no online backup here. Use pg_dump, or "iamra ca export-store", and copy the CA directory's files.`);
  }
  const scratch = mkdtempSync(join(tmpdir(), 'iamra-backup-'));
  try {
    await ca.backupTo(join(scratch, 'ca.db'));
    return readFileSync(join(scratch, 'ca.db'));
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
  const files: CaBackup['files'] = {
    'ca.db': await databaseCopy(ca),
    // Restore lays the files out under their usual names; a token key stays its URI.
    'ca.json': Buffer.from(caConfigJson({ ...ca.config, store: 'sqlite:ca.db', key: key.scheme === 'file' ? 'file:ca.key' : key.uri })),
  };
  if (key.scheme === 'file') files['ca.key'] = readInputFile(key.path, { what: 'CA key', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  const optional = { 'ca.crt': ca.paths.certificate, 'ca-chain.crt': ca.paths.chain, 'ca.csr': ca.paths.csr } as const;
  for (const [name, path] of Object.entries(optional)) {
    const data = readOptional(path, name);
    if (data) files[name as keyof typeof optional] = data;
  }
  writeNewFile(input.out, encodeCaBackup({ createdAt: input.now.toISOString(), files }), SECRET_FILE_MODE);
  const isKeyEncrypted = (await ca.store.getSetting(SETTING_KEY_ENCRYPTED)) !== 'false';
  return { out: input.out, files: Object.keys(files), isKeyEncrypted };
}
