// The `ca backup` file (issue 9): one JSON document, so it needs no archive library and can be
// inspected with jq and base64: a format name and version, when it was made, and the CA's files
// by name, each as base64 with its SHA-256 (checked on restore), and the row count of each table.
// ca.db is always an SQLite database: the online-backup copy of an SQLite store, or a PostgreSQL
// store's snapshot copied into one; ca.key is the key file as it is (encrypted unless the CA was
// made with --no-encrypt); a token key is only its pkcs11: URI in ca.json. Version 1 files made
// before `tables` existed have none, and restore as before.
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import type { TableCounts } from './store/store-dump.js';

export const BACKUP_FORMAT = 'iamra-ca-backup';
export const BACKUP_VERSION = 1;

/** The files a backup may hold, in the order restore writes them (ca.json last: it makes the CA). */
export const BACKUP_FILES = ['ca.db', 'ca.key', 'ca.crt', 'ca-chain.crt', 'ca.csr', 'ca.json'] as const;
export type BackupFileName = (typeof BACKUP_FILES)[number];

export interface CaBackup {
  createdAt: string;
  /** Rows per table of ca.db when it was made; restore checks them. Absent in older files. */
  tables?: TableCounts;
  files: Partial<Record<BackupFileName, Buffer>>;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

export function encodeCaBackup(backup: CaBackup): string {
  const files = Object.fromEntries(Object.entries(backup.files).map(([name, data]) => [name, { sha256: sha256(data), base64: data.toString('base64') }]));
  return `${JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: backup.createdAt, ...(backup.tables ? { tables: backup.tables } : {}), files })}\n`;
}

function invalid(source: string, why: string): InputError {
  return new InputError('BACKUP_INVALID', `cannot restore from ${source}: ${why}. Give a file written by "iamra ca backup".`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses and checks a backup: format, version, known names, base64 and every SHA-256. */
export function decodeCaBackup(text: string, source: string): CaBackup {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw invalid(source, 'it is not JSON');
  }
  if (!isRecord(document) || document.format !== BACKUP_FORMAT) throw invalid(source, `it is not an ${BACKUP_FORMAT} file`);
  if (document.version !== BACKUP_VERSION) throw invalid(source, `its version ${String(document.version)} is not ${BACKUP_VERSION}`);
  if (!isRecord(document.files) || typeof document.createdAt !== 'string') throw invalid(source, 'it has no files');
  const files: CaBackup['files'] = {};
  for (const [name, part] of Object.entries(document.files)) {
    if (!(BACKUP_FILES as readonly string[]).includes(name)) throw invalid(source, `it holds an unknown file ${JSON.stringify(name)}`);
    if (!isRecord(part) || typeof part.base64 !== 'string' || typeof part.sha256 !== 'string') throw invalid(source, `${name} is malformed`);
    const data = Buffer.from(part.base64, 'base64');
    if (data.toString('base64') !== part.base64 || sha256(data) !== part.sha256) throw invalid(source, `${name} does not match its SHA-256 (the file is damaged)`);
    files[name as BackupFileName] = data;
  }
  if (!files['ca.db'] || !files['ca.json']) throw invalid(source, 'it lacks ca.db or ca.json');
  const { tables } = document;
  if (tables === undefined) return { createdAt: document.createdAt, files };
  if (!isRecord(tables) || !Object.values(tables).every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) throw invalid(source, 'its table counts are malformed');
  return { createdAt: document.createdAt, tables: tables as TableCounts, files };
}
