// Output of `crl status`: a table with one row per trust anchor, and the `--json` object of each.
import type { IamraError } from '../../errors.js';
import type { CrlStatus, StaleReason } from '../../ca/publish/crl-status.js';
import type { CrlRecord } from '../../ca/store/cert-store.js';
import type { PublishTarget } from '../../ca/store/publish-store.js';

/** One target's status, or why it could not be checked. */
export type TargetStatus = { target: PublishTarget; status: CrlStatus; error?: undefined } | { target: PublishTarget; status?: undefined; error: IamraError };

const REASONS: Readonly<Record<StaleReason, string>> = {
  'never-sent': 'never sent',
  pending: 'an import was not recorded (the next publish adopts it)',
  'newer-crl': 'the CA has a newer CRL',
  'revoked-set-changed': 'revocations since the CA\'s latest CRL',
  'crl-expired': 'the CA\'s latest CRL is past its nextUpdate',
  'no-ca-crl': 'the CA has no CRL of its own',
  'deleted-on-service': 'the CRL was deleted on the service',
  'disabled-on-service': 'the CRL is disabled on the service',
  'differs-on-service': 'the service holds other bytes than were sent',
};

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

export function statusJson({ target, status, error }: TargetStatus): Record<string, unknown> {
  const targetJson = { trustAnchorArn: target.trustAnchorArn, region: target.region, endpoint: target.endpoint ?? null, crlName: target.crlName, profile: target.profile ?? null };
  if (!status) return { target: targetJson, isUpToDate: false, staleReasons: [], error: { code: error.code, exitCode: error.exitCode, message: error.message } };
  const { local, published, pending, service } = status;
  return {
    target: targetJson,
    local: local ? { crlNumber: local.crlNumber, thisUpdate: iso(local.thisUpdate), nextUpdate: iso(local.nextUpdate), entryCount: local.entryCount, sha256: local.sha256 } : null,
    published: published ? { crlNumber: published.crlNumber ?? null, publishedAt: iso(published.publishedAt), sha256: published.sha256, bytes: published.bytes, crlId: published.crlId, crlArn: published.crlArn } : null,
    pending: pending ? { since: iso(pending.since), crlNumber: pending.crlNumber ?? null, sha256: pending.sha256 } : null,
    service: service.state === 'present' ? { ...service, updatedAt: iso(service.updatedAt) } : service,
    history: status.history.map((h) => ({ at: iso(h.at), action: h.action, crlNumber: h.crlNumber ?? null, sha256: h.sha256 ?? null, bytes: h.bytes ?? null, crlId: h.crlId ?? null })),
    isUpToDate: status.isUpToDate,
    staleReasons: status.staleReasons,
    error: null,
  };
}

function stateText({ status, error }: TargetStatus): string {
  if (!status) return `unknown: ${error.code}`;
  if (status.isUpToDate) return 'up to date';
  return `stale: ${status.staleReasons.map((r) => reasonText(r, status)).join('; ')}`;
}

function reasonText(reason: StaleReason, status: CrlStatus): string {
  if (reason === 'crl-expired' && status.local) return `the CA's latest CRL expired at ${iso(status.local.nextUpdate)} (its nextUpdate)`;
  return REASONS[reason];
}

const HEADER = ['TRUST ANCHOR', 'REGION', 'ENDPOINT', 'SENT', 'PUBLISHED AT', 'STATUS'];

/** `local` is the CA's latest CRL, shown above the table. */
export function statusTable(statuses: readonly TargetStatus[], local: CrlRecord | undefined): string {
  const head = local
    ? `CA CRL ${local.crlNumber}: ${local.entryCount} ${local.entryCount === 1 ? 'entry' : 'entries'}, thisUpdate ${iso(local.thisUpdate)}, nextUpdate ${iso(local.nextUpdate)}\n`
    : 'CA CRL: none yet\n';
  if (statuses.length === 0) return `${head}no trust anchor: this CA has never been published. Run "iamra crl publish --trust-anchor-arn ARN" once.\n`;
  const rows = statuses.map((s) => {
    const sent = s.status?.published;
    return [s.target.trustAnchorArn, s.target.region, s.target.endpoint ?? '-', sent?.crlNumber === undefined ? '-' : String(sent.crlNumber), iso(sent?.publishedAt) ?? '-', stateText(s)];
  });
  // Non-null: every row has one cell per header column.
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  // Non-null: as above, one width per column.
  const line = (cells: string[]) => `${cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')}\n`;
  const isStale = statuses.some((s) => !s.status?.isUpToDate);
  return `${head}${line(HEADER)}${rows.map(line).join('')}${isStale ? 'not every trust anchor is up to date: run "iamra crl publish"\n' : ''}`;
}
