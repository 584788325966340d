// PublishStore on PostgreSQL: each write is one transaction with its history row and audit entry.
// Writes for one trust anchor take a transaction-scoped advisory lock on it first, so the guard
// of recordPending reads and writes with no other node in between, even before the row exists.
import type { AuditEntry } from '../cert-store.js';
import { toHistoryEntry, toPublication, type HistoryRow, type TargetRow } from '../publish-rows.js';
import type { PendingGuard, PendingImport, PendingOutcome, Publication, PublishAction, PublishHistoryEntry, PublishStore, PublishTarget, SentCrl } from '../publish-store.js';
import { appendAudit } from './postgres-cert-store.js';
import type { PostgresDatabase, Queryable } from './postgres-database.js';

const asDate = (date: Date): Date => date;

const UPSERT_TARGET = `INSERT INTO publish_targets (trust_anchor_arn, region, endpoint, crl_name, profile, last_used_at)
  VALUES ($1, $2, $3, $4, $5, $6)
  ON CONFLICT (trust_anchor_arn) DO UPDATE SET region = excluded.region, endpoint = excluded.endpoint,
    crl_name = excluded.crl_name, profile = excluded.profile, last_used_at = excluded.last_used_at`;

function upsertTarget(tx: Queryable, target: PublishTarget, at: Date): Promise<unknown> {
  return tx.query(UPSERT_TARGET, [target.trustAnchorArn, target.region, target.endpoint ?? null, target.crlName, target.profile ?? null, at]);
}

/** Serialises every publish write for one anchor across nodes, until the transaction ends. */
function lockAnchor(tx: Queryable, trustAnchorArn: string): Promise<unknown> {
  return tx.query("SELECT pg_advisory_xact_lock(hashtext('iamra.publish'), hashtext($1))", [trustAnchorArn]);
}

function appendHistory(tx: Queryable, entry: PublishHistoryEntry): Promise<unknown> {
  return tx.query('INSERT INTO publish_history (at, trust_anchor_arn, action, crl_number, sha256, bytes, crl_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [entry.at, entry.trustAnchorArn, entry.action, entry.crlNumber ?? null, entry.sha256 ?? null, entry.bytes ?? null, entry.crlId ?? null]);
}

const SET_PENDING = 'UPDATE publish_targets SET pending_since = $1, pending_crl_number = $2, pending_sha256 = $3 WHERE trust_anchor_arn = $4';

export function postgresPublishStore(db: PostgresDatabase): PublishStore {
  return new PostgresPublishStore(db);
}

class PostgresPublishStore implements PublishStore {
  constructor(private readonly db: PostgresDatabase) {}

  async rememberedTarget(): Promise<Publication | undefined> {
    const [row] = await this.db.query<TargetRow<Date>>('SELECT * FROM publish_targets ORDER BY last_used_at DESC LIMIT 1');
    return row && toPublication(row, asDate);
  }

  async publication(trustAnchorArn: string): Promise<Publication | undefined> {
    const [row] = await this.db.query<TargetRow<Date>>('SELECT * FROM publish_targets WHERE trust_anchor_arn = $1', [trustAnchorArn]);
    return row && toPublication(row, asDate);
  }

  async publications(): Promise<Publication[]> {
    return (await this.db.query<TargetRow<Date>>('SELECT * FROM publish_targets ORDER BY last_used_at DESC, trust_anchor_arn')).map((row) => toPublication(row, asDate));
  }

  async saveTarget(target: PublishTarget, at: Date): Promise<void> {
    await this.db.transaction('READ COMMITTED', async (tx) => {
      await lockAnchor(tx, target.trustAnchorArn);
      await upsertTarget(tx, target, at);
    });
  }

  async recordPending(target: PublishTarget, pending: PendingImport, guard: PendingGuard): Promise<PendingOutcome> {
    return this.db.transaction('READ COMMITTED', async (tx): Promise<PendingOutcome> => {
      await lockAnchor(tx, target.trustAnchorArn);
      // Read after the lock: READ COMMITTED takes this statement's snapshot now, past any other node's commit.
      const [row] = await tx.query<{ crl_id: string | null; pending_since: Date | null }>('SELECT crl_id, pending_since FROM publish_targets WHERE trust_anchor_arn = $1 FOR UPDATE', [target.trustAnchorArn]);
      if ((row?.crl_id ?? undefined) !== guard.expectedCrlId) return 'changed';
      if (row?.pending_since && pending.since.getTime() - row.pending_since.getTime() < guard.leaseSeconds * 1000) return 'busy';
      await upsertTarget(tx, target, pending.since);
      await tx.query(SET_PENDING, [pending.since, pending.crlNumber ?? null, pending.sha256, target.trustAnchorArn]);
      return 'recorded';
    });
  }

  async abandonPending(trustAnchorArn: string, previous: Publication | undefined): Promise<void> {
    await this.db.transaction('READ COMMITTED', async (tx) => {
      await lockAnchor(tx, trustAnchorArn);
      if (!previous) {
        await tx.query('DELETE FROM publish_targets WHERE trust_anchor_arn = $1', [trustAnchorArn]);
        return;
      }
      await upsertTarget(tx, previous.target, previous.lastUsedAt);
      const p = previous.pending;
      await tx.query(SET_PENDING, [p?.since ?? null, p?.crlNumber ?? null, p?.sha256 ?? null, trustAnchorArn]);
    });
  }

  async recordSent(target: PublishTarget, sent: SentCrl, action: PublishAction, audit: AuditEntry): Promise<void> {
    await this.db.transaction('READ COMMITTED', async (tx) => {
      await lockAnchor(tx, target.trustAnchorArn);
      await upsertTarget(tx, target, audit.at);
      await tx.query(`UPDATE publish_targets SET crl_id = $1, crl_arn = $2, crl_number = $3, sha256 = $4, bytes = $5, published_at = $6,
        pending_since = NULL, pending_crl_number = NULL, pending_sha256 = NULL WHERE trust_anchor_arn = $7`,
      [sent.crlId, sent.crlArn, sent.crlNumber ?? null, sent.sha256, sent.bytes, sent.publishedAt, target.trustAnchorArn]);
      await appendHistory(tx, { at: audit.at, trustAnchorArn: target.trustAnchorArn, action, crlNumber: sent.crlNumber, sha256: sent.sha256, bytes: sent.bytes, crlId: sent.crlId });
      await appendAudit(tx, audit);
    });
  }

  async forgetSent(trustAnchorArn: string, audit: AuditEntry): Promise<void> {
    await this.db.transaction('READ COMMITTED', async (tx) => {
      await lockAnchor(tx, trustAnchorArn);
      const [row] = await tx.query<{ crl_id: string | null }>('SELECT crl_id FROM publish_targets WHERE trust_anchor_arn = $1', [trustAnchorArn]);
      await tx.query('UPDATE publish_targets SET crl_id = NULL, crl_arn = NULL, crl_number = NULL, sha256 = NULL, bytes = NULL, published_at = NULL WHERE trust_anchor_arn = $1', [trustAnchorArn]);
      await appendHistory(tx, { at: audit.at, trustAnchorArn, action: 'forgotten', ...(row?.crl_id ? { crlId: row.crl_id } : {}) });
      await appendAudit(tx, audit);
    });
  }

  async history(trustAnchorArn: string, limit: number): Promise<PublishHistoryEntry[]> {
    const rows = await this.db.query<HistoryRow<Date>>('SELECT * FROM publish_history WHERE trust_anchor_arn = $1 ORDER BY id DESC LIMIT $2', [trustAnchorArn, limit]);
    return rows.map((row) => toHistoryEntry(row, asDate));
  }

  async entriesDigest(crlNumber: number): Promise<string | undefined> {
    return (await this.db.query<{ entries_sha256: string }>('SELECT entries_sha256 FROM crl_contents WHERE crl_number = $1', [crlNumber]))[0]?.entries_sha256;
  }

  async putEntriesDigest(crlNumber: number, digest: string): Promise<void> {
    await this.db.transaction('READ COMMITTED', (tx) => tx.query('INSERT INTO crl_contents (crl_number, entries_sha256) VALUES ($1, $2) ON CONFLICT (crl_number) DO UPDATE SET entries_sha256 = excluded.entries_sha256', [crlNumber, digest]));
  }
}
