// The bulk port for `ca export-store` and `ca backup`/`ca restore`: every table of a CA store as
// rows in a back-end-neutral form (the column names both schemas share; instants as ISO 8601
// text, DER as bytes), read in stored order from one consistent snapshot and written into an
// empty store in one transaction.
import { InternalError } from '../../errors.js';

export type DumpValue = string | number | Buffer | null;
export type DumpRow = Record<string, DumpValue>;

export interface DumpTable {
  name: string;
  columns: readonly string[];
  /** The stored order: audit and history ids are copied, so their order is kept exactly. */
  orderBy: string;
}

/** Every table of the CA store, in an order that satisfies any reference between them. */
export const DUMP_TABLES: readonly DumpTable[] = [
  { name: 'settings', columns: ['key', 'value'], orderBy: 'key' },
  { name: 'certificates', columns: ['serial', 'subject', 'not_before', 'not_after', 'issued_at', 'key_type', 'template', 'der', 'revoked_at', 'revocation_reason', 'renewed_from'], orderBy: 'issued_at, serial' },
  { name: 'crls', columns: ['crl_number', 'this_update', 'next_update', 'entry_count', 'der'], orderBy: 'crl_number' },
  { name: 'crl_contents', columns: ['crl_number', 'entries_sha256'], orderBy: 'crl_number' },
  { name: 'templates', columns: ['name', 'body', 'updated_at'], orderBy: 'name' },
  { name: 'publish_targets', columns: ['trust_anchor_arn', 'region', 'endpoint', 'crl_name', 'profile', 'last_used_at', 'crl_id', 'crl_arn', 'crl_number', 'sha256', 'bytes', 'published_at', 'pending_since', 'pending_crl_number', 'pending_sha256'], orderBy: 'trust_anchor_arn' },
  { name: 'publish_history', columns: ['id', 'at', 'trust_anchor_arn', 'action', 'crl_number', 'sha256', 'bytes', 'crl_id'], orderBy: 'id' },
  { name: 'audit_log', columns: ['id', 'at', 'actor', 'action', 'serial', 'detail'], orderBy: 'id' },
];

/** Columns holding an instant: ISO text in SQLite, timestamptz in PostgreSQL. */
export const INSTANT_COLUMNS: ReadonlySet<string> = new Set(['not_before', 'not_after', 'issued_at', 'revoked_at', 'this_update', 'next_update', 'updated_at', 'at', 'last_used_at', 'published_at', 'pending_since']);

export type TableCounts = Record<string, number>;

/** Reads of one store, all from the same state of it. */
export interface DumpSnapshot {
  /** The rows of one table, in its stored order. */
  rows(table: DumpTable): AsyncIterable<DumpRow>;
  counts(): Promise<TableCounts>;
}

export interface StoreDump extends DumpSnapshot {
  /**
   * Runs `fn` over one consistent snapshot of every table while other processes keep writing: one
   * REPEATABLE READ READ ONLY transaction on PostgreSQL, one read transaction on SQLite (WAL). On
   * PostgreSQL a lost connection runs `fn` again from the start, so `fn` must be repeatable.
   */
  snapshot<T>(fn: (snapshot: DumpSnapshot) => Promise<T>): Promise<T>;
  /**
   * Writes every table from `source` in one transaction, then counts each table inside it and
   * commits only when the counts equal `expected` (CA_EXPORT_INCOMPLETE otherwise). Refuses a store
   * holding any row (CA_STORE_NOT_EMPTY). On PostgreSQL the schema is created or migrated in that
   * same transaction, so a refused or failed load leaves the database as it was.
   */
  load(source: (table: DumpTable) => AsyncIterable<DumpRow>, expected: TableCounts): Promise<void>;
  close(): Promise<void>;
}

export function isEmpty(counts: TableCounts): boolean {
  return Object.values(counts).every((n) => n === 0);
}

/** The error of a load whose counts differ from the source's: a bug, never bad input. */
export function countsDiffer(where: string, expected: TableCounts, copied: TableCounts): InternalError | undefined {
  const wrong = Object.keys(expected).filter((table) => expected[table] !== copied[table]);
  if (wrong.length === 0) return undefined;
  return new InternalError('CA_EXPORT_INCOMPLETE', `the copy into ${where} holds other row counts than the source in ${wrong.join(', ')}: ${wrong.map((t) => `${copied[t]} of ${expected[t]}`).join(', ')}`);
}
