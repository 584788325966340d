// The publish tables' rows, as both back ends read them, and the records they become. The
// columns are the same in SQLite and PostgreSQL; only the dates differ (ISO text in SQLite,
// timestamptz in PostgreSQL), so each adapter passes its date type `D` and how to read it.
import type { PendingImport, Publication, PublishAction, PublishHistoryEntry, PublishTarget, SentCrl } from './publish-store.js';

export interface TargetRow<D> {
  trust_anchor_arn: string;
  region: string;
  endpoint: string | null;
  crl_name: string;
  profile: string | null;
  last_used_at: D;
  crl_id: string | null;
  crl_arn: string | null;
  crl_number: number | null;
  sha256: string | null;
  bytes: number | null;
  published_at: D | null;
  pending_since: D | null;
  pending_crl_number: number | null;
  pending_sha256: string | null;
}

export interface HistoryRow<D> {
  at: D;
  trust_anchor_arn: string;
  action: PublishAction;
  crl_number: number | null;
  sha256: string | null;
  bytes: number | null;
  crl_id: string | null;
}

export function toPublication<D>(row: TargetRow<D>, toDate: (value: D) => Date): Publication {
  const target: PublishTarget = {
    trustAnchorArn: row.trust_anchor_arn, region: row.region, crlName: row.crl_name,
    ...(row.endpoint === null ? {} : { endpoint: row.endpoint }),
    ...(row.profile === null ? {} : { profile: row.profile }),
  };
  const sent: SentCrl | undefined = row.crl_id === null || row.crl_arn === null || row.sha256 === null || row.published_at === null ? undefined : {
    crlId: row.crl_id, crlArn: row.crl_arn, sha256: row.sha256, bytes: row.bytes ?? 0, publishedAt: toDate(row.published_at),
    ...(row.crl_number === null ? {} : { crlNumber: row.crl_number }),
  };
  const pending: PendingImport | undefined = row.pending_since === null || row.pending_sha256 === null ? undefined : {
    since: toDate(row.pending_since), sha256: row.pending_sha256,
    ...(row.pending_crl_number === null ? {} : { crlNumber: row.pending_crl_number }),
  };
  return { target, lastUsedAt: toDate(row.last_used_at), ...(sent ? { sent } : {}), ...(pending ? { pending } : {}) };
}

export function toHistoryEntry<D>(row: HistoryRow<D>, toDate: (value: D) => Date): PublishHistoryEntry {
  return {
    at: toDate(row.at), trustAnchorArn: row.trust_anchor_arn, action: row.action,
    ...(row.crl_number === null ? {} : { crlNumber: row.crl_number }),
    ...(row.sha256 === null ? {} : { sha256: row.sha256 }),
    ...(row.bytes === null ? {} : { bytes: row.bytes }),
    ...(row.crl_id === null ? {} : { crlId: row.crl_id }),
  };
}
