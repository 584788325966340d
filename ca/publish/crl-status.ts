// Use-case `crl status` (issues #5, 9): the CA's latest CRL, what was last published to the target,
// and what the service holds now (GetCrl), with whether each matches and, if not, why.
import { createHash } from 'node:crypto';
import { readCrlEntries } from '../../x509/crl.js';
import type { CertStore } from '../store/cert-store.js';
import { revokedSetDigest } from './crl-freshness.js';
import type { PendingImport, PublishHistoryEntry, PublishStore, PublishTarget, SentCrl } from '../store/publish-store.js';
import type { CrlPublisher } from './crl-publisher.js';

export interface LocalCrlStatus {
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entryCount: number;
  /** SHA-256 of its PEM, as a publish would send it. */
  sha256: string;
}

export type ServiceCrlStatus =
  | { state: 'not-checked' }
  | { state: 'never-published' }
  | { state: 'deleted'; crlId: string }
  | { state: 'present'; crlId: string; enabled: boolean; updatedAt?: Date; sha256: string; matchesPublished: boolean };

export interface CrlStatus {
  local?: LocalCrlStatus;
  target?: PublishTarget;
  published?: SentCrl;
  pending?: PendingImport;
  service: ServiceCrlStatus;
  /** The last publishes to the target, newest first. */
  history: PublishHistoryEntry[];
  /** The latest local CRL is what the service holds, enabled, and it lists the CA's revoked set. */
  isUpToDate: boolean;
  /** Why it is not up to date; empty when it is. */
  staleReasons: StaleReason[];
}

/**
 * `never-sent`: nothing recorded for the target; `pending`: an import whose answer was never
 * recorded; `newer-crl`: the CA has a CRL other than the one sent; `revoked-set-changed`: a
 * revocation (or an expiry) since the CA's latest CRL; `crl-expired`: that CRL's nextUpdate has
 * passed; `no-ca-crl`: a `--crl` file was sent but the CA has no CRL of its own;
 * `deleted-on-service`, `disabled-on-service`, `differs-on-service`: what the service holds.
 */
export type StaleReason =
  | 'never-sent' | 'pending' | 'newer-crl' | 'revoked-set-changed' | 'crl-expired' | 'no-ca-crl'
  | 'deleted-on-service' | 'disabled-on-service' | 'differs-on-service';

export interface CrlStatusInput {
  certStore: CertStore;
  publishStore: PublishStore;
  target: PublishTarget | undefined;
  /** Undefined for an offline status (no service call). */
  publisher: (() => Promise<CrlPublisher>) | undefined;
  /** PEM of a DER CRL (encodePem), injected to keep this use-case free of encoders. */
  pemOf: (der: Buffer) => string;
  now: Date;
}

/** How many history rows a status shows. */
export const STATUS_HISTORY_LENGTH = 10;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export async function crlStatus(input: CrlStatusInput): Promise<CrlStatus> {
  const latest = await input.certStore.latestCrl();
  const local: LocalCrlStatus | undefined = latest && {
    crlNumber: latest.crlNumber, thisUpdate: latest.thisUpdate, nextUpdate: latest.nextUpdate, entryCount: latest.entryCount, sha256: sha256(input.pemOf(latest.der)),
  };
  const publication = input.target && await input.publishStore.publication(input.target.trustAnchorArn);
  const published = publication?.sent;
  let service: ServiceCrlStatus = { state: 'not-checked' };
  if (!published) {
    service = { state: 'never-published' };
  } else if (input.publisher) {
    const held = await (await input.publisher()).getCrl(published.crlId);
    service = held
      ? { state: 'present', crlId: held.crlId, enabled: held.enabled, ...(held.updatedAt ? { updatedAt: held.updatedAt } : {}), sha256: sha256(held.crlData), matchesPublished: sha256(held.crlData) === published.sha256 }
      : { state: 'deleted', crlId: published.crlId };
  }
  const staleReasons = await reasonsOf(input, { local, latestDer: latest?.der, published, hasPending: publication?.pending !== undefined, service });
  return {
    ...(local ? { local } : {}),
    ...(input.target ? { target: input.target } : {}),
    ...(published ? { published } : {}),
    ...(publication?.pending ? { pending: publication.pending } : {}),
    service,
    history: input.target ? await input.publishStore.history(input.target.trustAnchorArn, STATUS_HISTORY_LENGTH) : [],
    isUpToDate: staleReasons.length === 0,
    staleReasons,
  };
}

interface Facts {
  local: LocalCrlStatus | undefined;
  latestDer: Buffer | undefined;
  published: SentCrl | undefined;
  hasPending: boolean;
  service: ServiceCrlStatus;
}

async function reasonsOf(input: CrlStatusInput, { local, latestDer, published, hasPending, service }: Facts): Promise<StaleReason[]> {
  const reasons: StaleReason[] = [];
  if (hasPending) reasons.push('pending');
  if (!published) {
    if (!hasPending) reasons.push('never-sent');
  } else if (!local) {
    reasons.push('no-ca-crl');
  } else if (service.state === 'deleted') {
    reasons.push('deleted-on-service');
  } else if (service.state === 'present' && service.sha256 !== local.sha256) {
    reasons.push(published.sha256 === local.sha256 ? 'differs-on-service' : 'newer-crl');
  } else if (service.state === 'not-checked' && published.sha256 !== local.sha256) {
    // Offline, the last publish record stands in for the service.
    reasons.push('newer-crl');
  }
  if (service.state === 'present' && !service.enabled) reasons.push('disabled-on-service');
  if (local && local.nextUpdate.getTime() <= input.now.getTime()) reasons.push('crl-expired');
  if (local && latestDer && await hasRevokedSetChanged(input, local.crlNumber, latestDer)) reasons.push('revoked-set-changed');
  return reasons;
}

/** The CA's revoked set now, against the one its latest CRL was built from (as a publish decides). */
async function hasRevokedSetChanged(input: CrlStatusInput, crlNumber: number, latestDer: Buffer): Promise<boolean> {
  const current = revokedSetDigest((await input.certStore.crlSnapshot(input.now)).entries);
  return ((await input.publishStore.entriesDigest(crlNumber)) ?? entriesDigestOf(latestDer)) !== current;
}

/** The digest of a CRL made by another command (`crl generate`), read from its entries. */
function entriesDigestOf(der: Buffer): string | undefined {
  try {
    return revokedSetDigest(readCrlEntries(der));
  } catch {
    return undefined;
  }
}
