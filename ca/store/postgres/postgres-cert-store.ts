// CertStore on PostgreSQL: every write is one transaction with its audit entry; the database's
// unique constraints decide serials and CRL numbers across every CA node sharing it.
import type { RevocationReason } from '../../../x509/crl-entry.js';
import type { AuditEntry, AuditRecord, CertificateFilter, CertificateRecord, CertStore, CrlRecord, CrlSnapshot, RenewalOutcome, RevokedEntry, RevokeOutcome, Supersession } from '../cert-store.js';
import type { PostgresDatabase, Queryable } from './postgres-database.js';

interface CertificateRow {
  serial: string;
  subject: string;
  not_before: Date;
  not_after: Date;
  issued_at: Date;
  key_type: string;
  template: string | null;
  der: Buffer;
  revoked_at: Date | null;
  revocation_reason: string | null;
  renewed_from: string | null;
}

interface CrlRow {
  crl_number: number;
  this_update: Date;
  next_update: Date;
  entry_count: number;
  der: Buffer;
}

const CERTIFICATE_COLUMNS = 'serial, subject, not_before, not_after, issued_at, key_type, template, der, revoked_at, revocation_reason, renewed_from';

function toRecord(row: CertificateRow): CertificateRecord {
  return {
    serialHex: row.serial,
    subject: row.subject,
    notBefore: row.not_before,
    notAfter: row.not_after,
    issuedAt: row.issued_at,
    keyType: row.key_type,
    template: row.template ?? undefined,
    der: row.der,
    revokedAt: row.revoked_at ?? undefined,
    revocationReason: (row.revocation_reason ?? undefined) as RevocationReason | undefined,
    ...(row.renewed_from === null ? {} : { renewedFrom: row.renewed_from }),
  };
}

/** LIKE's own wildcards (and the escape character) in user text match only themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const UPPER_ASCII = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The subject with its ASCII letters lower-cased, for a LIKE whose pattern is lower-cased the same
 * way: SQLite's LIKE folds ASCII letters only, while ILIKE and lower() fold by the database's
 * locale ('É' ILIKE 'é', the Kelvin sign ILIKE 'k'), so `list --subject-like` would answer
 * differently on the two stores.
 */
const SUBJECT_ASCII_FOLDED = `translate(subject, '${UPPER_ASCII}', '${UPPER_ASCII.toLowerCase()}')`;

function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Appends one audit entry inside the caller's transaction (shared with the publish store). */
export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.query('INSERT INTO audit_log (at, actor, action, serial, detail) VALUES ($1, $2, $3, $4, $5)',
    [entry.at, entry.actor, entry.action, entry.serialHex ?? null, JSON.stringify(entry.detail)]);
}

/** Inserts one certificate row inside the caller's transaction; false when the serial is taken. */
async function insertRow(tx: Queryable, record: CertificateRecord): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO certificates (serial, subject, not_before, not_after, issued_at, key_type, template, der, renewed_from)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (serial) DO NOTHING RETURNING id`,
    [record.serialHex, record.subject, record.notBefore, record.notAfter, record.issuedAt, record.keyType, record.template ?? null, record.der, record.renewedFrom ?? null],
  );
  return inserted.length > 0;
}

/** A WHERE clause with numbered parameters from the list filter. */
function listConditions(filter: CertificateFilter): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value?: unknown) => {
    if (value !== undefined) params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.status === 'revoked') add('revoked_at IS NOT NULL');
  if (filter.status === 'valid') add('revoked_at IS NULL AND not_after >= ?', filter.now);
  if (filter.status === 'expired') add('revoked_at IS NULL AND not_after < ?', filter.now);
  if (filter.notAfterBefore) add('not_after < ?', filter.notAfterBefore);
  if (filter.subjectContains !== undefined) add(`${SUBJECT_ASCII_FOLDED} LIKE ? ESCAPE '\\'`, `%${escapeLike(foldAscii(filter.subjectContains))}%`);
  if (filter.template !== undefined) add('template = ?', filter.template);
  if (filter.subjectGlob !== undefined) add(`${SUBJECT_ASCII_FOLDED} LIKE ? ESCAPE '\\'`, escapeLike(foldAscii(filter.subjectGlob)).replace(/\*/g, '%'));
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export function postgresCertStore(db: PostgresDatabase): CertStore {
  return new PostgresCertStore(db);
}

class PostgresCertStore implements CertStore {
  constructor(private readonly db: PostgresDatabase) {}

  async getSetting(key: string): Promise<string | undefined> {
    return (await this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))[0]?.value;
  }

  async putSettings(values: Record<string, string>, audit: AuditEntry): Promise<void> {
    await this.db.transaction('READ COMMITTED', async (tx) => {
      for (const [key, value] of Object.entries(values)) {
        await tx.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
      }
      await appendAudit(tx, audit);
    });
  }

  async insertCertificate(record: CertificateRecord, audit: AuditEntry): Promise<'inserted' | 'serial-taken'> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      if (!(await insertRow(tx, record))) return 'serial-taken';
      await appendAudit(tx, audit);
      return 'inserted';
    });
  }

  async insertRenewal(record: CertificateRecord & { renewedFrom: string }, audit: AuditEntry, supersession: Supersession): Promise<RenewalOutcome> {
    return this.db.transaction('READ COMMITTED', async (tx): Promise<RenewalOutcome> => {
      // FOR UPDATE: a revocation of the old certificate on another node waits for this commit, or
      // committed first and is seen here; nothing has been written when either refusal returns.
      const [row] = await tx.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE serial = $1 FOR UPDATE`, [record.renewedFrom]);
      if (!row) return { outcome: 'not-found' };
      if (row.revoked_at) return { outcome: 'already-revoked', record: toRecord(row) };
      if (!(await insertRow(tx, record))) return { outcome: 'serial-taken' };
      await tx.query("UPDATE certificates SET revoked_at = $1, revocation_reason = 'superseded' WHERE serial = $2", [supersession.revokedAt, record.renewedFrom]);
      await appendAudit(tx, audit);
      await appendAudit(tx, supersession.audit);
      return { outcome: 'inserted' };
    });
  }

  async findCertificate(serialHex: string): Promise<CertificateRecord | undefined> {
    const rows = await this.db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE serial = $1`, [serialHex]);
    return rows[0] && toRecord(rows[0]);
  }

  async findCertificatesBySerialPrefix(prefix: string, limit: number): Promise<CertificateRecord[]> {
    // Serials are lower-case hex in the "C" collation, so a range scan on the unique index is the prefix match.
    const rows = await this.db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE serial >= $1 AND serial < $1 || 'g' ORDER BY serial LIMIT $2`, [prefix, limit]);
    return rows.map(toRecord);
  }

  async renewalsOf(serialHex: string): Promise<CertificateRecord[]> {
    const rows = await this.db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE renewed_from = $1 ORDER BY issued_at, id`, [serialHex]);
    return rows.map(toRecord);
  }

  async listCertificates(filter: CertificateFilter): Promise<CertificateRecord[]> {
    const { where, params } = listConditions(filter);
    return (await this.db.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates ${where} ORDER BY issued_at, id`, params)).map(toRecord);
  }

  async revokeCertificate(input: RevokedEntry, audit: AuditEntry): Promise<RevokeOutcome> {
    return this.db.transaction('READ COMMITTED', async (tx): Promise<RevokeOutcome> => {
      // FOR UPDATE: a second node revoking the same serial waits here and then sees it revoked.
      const [row] = await tx.query<CertificateRow>(`SELECT ${CERTIFICATE_COLUMNS} FROM certificates WHERE serial = $1 FOR UPDATE`, [input.serialHex]);
      if (!row) return { outcome: 'not-found' };
      if (row.revoked_at) return { outcome: 'already-revoked', record: toRecord(row) };
      await tx.query('UPDATE certificates SET revoked_at = $1, revocation_reason = $2 WHERE serial = $3', [input.revokedAt, input.reason, input.serialHex]);
      await appendAudit(tx, audit);
      return { outcome: 'revoked' };
    });
  }

  async crlSnapshot(now: Date): Promise<CrlSnapshot> {
    // REPEATABLE READ: the entries and the last CRL number come from one snapshot.
    return this.db.transaction('REPEATABLE READ', async (tx) => {
      const rows = await tx.query<{ serial: string; revoked_at: Date; revocation_reason: string }>(
        'SELECT serial, revoked_at, revocation_reason FROM certificates WHERE revoked_at IS NOT NULL AND not_after >= $1 ORDER BY id', [now]);
      const [last] = await tx.query<{ last: number | null }>('SELECT MAX(crl_number) AS last FROM crls');
      return {
        entries: rows.map((r) => ({ serialHex: r.serial, revokedAt: r.revoked_at, reason: r.revocation_reason as RevocationReason })),
        lastCrlNumber: last?.last ?? 0,
      };
    }, true);
  }

  async insertCrl(record: CrlRecord, audit: AuditEntry): Promise<'inserted' | 'number-taken'> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      const inserted = await tx.query('INSERT INTO crls (crl_number, this_update, next_update, entry_count, der) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (crl_number) DO NOTHING RETURNING crl_number',
        [record.crlNumber, record.thisUpdate, record.nextUpdate, record.entryCount, record.der]);
      if (inserted.length === 0) return 'number-taken';
      await appendAudit(tx, audit);
      return 'inserted';
    });
  }

  async latestCrl(): Promise<CrlRecord | undefined> {
    const [row] = await this.db.query<CrlRow>('SELECT crl_number, this_update, next_update, entry_count, der FROM crls ORDER BY crl_number DESC LIMIT 1');
    return row && { crlNumber: row.crl_number, thisUpdate: row.this_update, nextUpdate: row.next_update, entryCount: row.entry_count, der: row.der };
  }

  async getTemplate(name: string): Promise<string | undefined> {
    return (await this.db.query<{ body: string }>('SELECT body FROM templates WHERE name = $1', [name]))[0]?.body;
  }

  async listTemplates(): Promise<Array<{ name: string; body: string }>> {
    return this.db.query<{ name: string; body: string }>('SELECT name, body FROM templates ORDER BY name');
  }

  async putTemplate(name: string, body: string, audit: AuditEntry): Promise<'created' | 'replaced'> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      // xmax is 0 on a row version this INSERT created, and set on one its DO UPDATE replaced.
      const [row] = await tx.query<{ created: boolean }>(
        'INSERT INTO templates (name, body, updated_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at RETURNING (xmax = 0) AS created',
        [name, body, audit.at],
      );
      await appendAudit(tx, audit);
      return row?.created ? 'created' : 'replaced';
    });
  }

  async deleteTemplate(name: string, audit: AuditEntry): Promise<boolean> {
    return this.db.transaction('READ COMMITTED', async (tx) => {
      const deleted = await tx.query('DELETE FROM templates WHERE name = $1 RETURNING name', [name]);
      if (deleted.length > 0) await appendAudit(tx, audit);
      return deleted.length > 0;
    });
  }

  async auditLog(): Promise<AuditRecord[]> {
    const rows = await this.db.query<{ id: number; at: Date; actor: string; action: string; serial: string | null; detail: string }>('SELECT id, at, actor, action, serial, detail FROM audit_log ORDER BY id');
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, serialHex: r.serial ?? undefined, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  }
}
