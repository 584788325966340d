// PublishStore on the CA's SQLite database (migration 2): each write is one BEGIN IMMEDIATE
// transaction with its history row and audit entry.
import type { AuditEntry } from '../cert-store.js';
import { toHistoryEntry, toPublication, type HistoryRow, type TargetRow } from '../publish-rows.js';
import type { PendingGuard, PendingImport, PendingOutcome, Publication, PublishAction, PublishHistoryEntry, PublishStore, PublishTarget, SentCrl } from '../publish-store.js';
import type { SqliteDatabase } from './open-database.js';
import { immediate } from './transaction.js';

const fromIso = (text: string): Date => new Date(text);

const UPSERT_TARGET = `INSERT INTO publish_targets (trust_anchor_arn, region, endpoint, crl_name, profile, last_used_at)
  VALUES (@trustAnchorArn, @region, @endpoint, @crlName, @profile, @at)
  ON CONFLICT (trust_anchor_arn) DO UPDATE SET region = excluded.region, endpoint = excluded.endpoint,
    crl_name = excluded.crl_name, profile = excluded.profile, last_used_at = excluded.last_used_at`;

function targetParams(target: PublishTarget, at: Date): Record<string, string | null> {
  return { trustAnchorArn: target.trustAnchorArn, region: target.region, endpoint: target.endpoint ?? null, crlName: target.crlName, profile: target.profile ?? null, at: at.toISOString() };
}

/** The PublishStore over an open CA database (see open-sqlite-stores.ts, which owns the connection). */
export function sqlitePublishStore(db: SqliteDatabase): PublishStore {
  return new SqlitePublishStore(db);
}

class SqlitePublishStore implements PublishStore {
  constructor(private readonly db: SqliteDatabase) {}

  private audit(entry: AuditEntry): void {
    this.db.prepare('INSERT INTO audit_log (at, actor, action, serial, detail) VALUES (?, ?, ?, ?, ?)')
      .run(entry.at.toISOString(), entry.actor, entry.action, entry.serialHex ?? null, JSON.stringify(entry.detail));
  }

  private appendHistory(entry: PublishHistoryEntry): void {
    this.db.prepare('INSERT INTO publish_history (at, trust_anchor_arn, action, crl_number, sha256, bytes, crl_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.at.toISOString(), entry.trustAnchorArn, entry.action, entry.crlNumber ?? null, entry.sha256 ?? null, entry.bytes ?? null, entry.crlId ?? null);
  }

  async rememberedTarget(): Promise<Publication | undefined> {
    const row = this.db.prepare('SELECT * FROM publish_targets ORDER BY last_used_at DESC LIMIT 1').get() as TargetRow<string> | undefined;
    return row && toPublication(row, fromIso);
  }

  async publication(trustAnchorArn: string): Promise<Publication | undefined> {
    const row = this.db.prepare('SELECT * FROM publish_targets WHERE trust_anchor_arn = ?').get(trustAnchorArn) as TargetRow<string> | undefined;
    return row && toPublication(row, fromIso);
  }

  async publications(): Promise<Publication[]> {
    const rows = this.db.prepare('SELECT * FROM publish_targets ORDER BY last_used_at DESC, trust_anchor_arn').all() as TargetRow<string>[];
    return rows.map((row) => toPublication(row, fromIso));
  }

  async saveTarget(target: PublishTarget, at: Date): Promise<void> {
    immediate(this.db, () => this.db.prepare(UPSERT_TARGET).run(targetParams(target, at)));
  }

  async recordPending(target: PublishTarget, pending: PendingImport, guard: PendingGuard): Promise<PendingOutcome> {
    return immediate(this.db, (): PendingOutcome => {
      const row = this.db.prepare('SELECT crl_id, pending_since FROM publish_targets WHERE trust_anchor_arn = ?').get(target.trustAnchorArn) as { crl_id: string | null; pending_since: string | null } | undefined;
      if ((row?.crl_id ?? undefined) !== guard.expectedCrlId) return 'changed';
      if (row?.pending_since && pending.since.getTime() - new Date(row.pending_since).getTime() < guard.leaseSeconds * 1000) return 'busy';
      this.db.prepare(UPSERT_TARGET).run(targetParams(target, pending.since));
      this.db.prepare('UPDATE publish_targets SET pending_since = ?, pending_crl_number = ?, pending_sha256 = ? WHERE trust_anchor_arn = ?')
        .run(pending.since.toISOString(), pending.crlNumber ?? null, pending.sha256, target.trustAnchorArn);
      return 'recorded';
    });
  }

  async abandonPending(trustAnchorArn: string, previous: Publication | undefined): Promise<void> {
    immediate(this.db, () => {
      if (!previous) {
        this.db.prepare('DELETE FROM publish_targets WHERE trust_anchor_arn = ?').run(trustAnchorArn);
        return;
      }
      this.db.prepare(UPSERT_TARGET).run(targetParams(previous.target, previous.lastUsedAt));
      const pending = previous.pending;
      this.db.prepare('UPDATE publish_targets SET pending_since = ?, pending_crl_number = ?, pending_sha256 = ? WHERE trust_anchor_arn = ?')
        .run(pending?.since.toISOString() ?? null, pending?.crlNumber ?? null, pending?.sha256 ?? null, trustAnchorArn);
    });
  }

  async recordSent(target: PublishTarget, sent: SentCrl, action: PublishAction, audit: AuditEntry): Promise<void> {
    immediate(this.db, () => {
      this.db.prepare(UPSERT_TARGET).run(targetParams(target, audit.at));
      this.db.prepare(`UPDATE publish_targets SET crl_id = ?, crl_arn = ?, crl_number = ?, sha256 = ?, bytes = ?, published_at = ?,
        pending_since = NULL, pending_crl_number = NULL, pending_sha256 = NULL WHERE trust_anchor_arn = ?`)
        .run(sent.crlId, sent.crlArn, sent.crlNumber ?? null, sent.sha256, sent.bytes, sent.publishedAt.toISOString(), target.trustAnchorArn);
      this.appendHistory({ at: audit.at, trustAnchorArn: target.trustAnchorArn, action, crlNumber: sent.crlNumber, sha256: sent.sha256, bytes: sent.bytes, crlId: sent.crlId });
      this.audit(audit);
    });
  }

  async forgetSent(trustAnchorArn: string, audit: AuditEntry): Promise<void> {
    immediate(this.db, () => {
      const row = this.db.prepare('SELECT crl_id FROM publish_targets WHERE trust_anchor_arn = ?').get(trustAnchorArn) as { crl_id: string | null } | undefined;
      this.db.prepare('UPDATE publish_targets SET crl_id = NULL, crl_arn = NULL, crl_number = NULL, sha256 = NULL, bytes = NULL, published_at = NULL WHERE trust_anchor_arn = ?').run(trustAnchorArn);
      this.appendHistory({ at: audit.at, trustAnchorArn, action: 'forgotten', ...(row?.crl_id ? { crlId: row.crl_id } : {}) });
      this.audit(audit);
    });
  }

  async history(trustAnchorArn: string, limit: number): Promise<PublishHistoryEntry[]> {
    const rows = this.db.prepare('SELECT * FROM publish_history WHERE trust_anchor_arn = ? ORDER BY id DESC LIMIT ?').all(trustAnchorArn, limit) as HistoryRow<string>[];
    return rows.map((row) => toHistoryEntry(row, fromIso));
  }

  async entriesDigest(crlNumber: number): Promise<string | undefined> {
    return (this.db.prepare('SELECT entries_sha256 FROM crl_contents WHERE crl_number = ?').pluck().get(crlNumber) as string | undefined) ?? undefined;
  }

  async putEntriesDigest(crlNumber: number, digest: string): Promise<void> {
    immediate(this.db, () => this.db.prepare('INSERT OR REPLACE INTO crl_contents (crl_number, entries_sha256) VALUES (?, ?)').run(crlNumber, digest));
  }

}
