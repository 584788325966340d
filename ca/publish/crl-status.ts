// Use-case `crl status` (issue #5): the CA's latest CRL, what was last published to the target,
// and what the service holds now (GetCrl), with whether each matches.
import { createHash } from 'node:crypto';
import type { CertStore } from '../store/cert-store.js';
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
  /** The latest local CRL is what the service holds, enabled. */
  isUpToDate: boolean;
}

export interface CrlStatusInput {
  certStore: CertStore;
  publishStore: PublishStore;
  target: PublishTarget | undefined;
  /** Undefined for an offline status (no service call). */
  publisher: (() => Promise<CrlPublisher>) | undefined;
  /** PEM of a DER CRL (encodePem), injected to keep this use-case free of encoders. */
  pemOf: (der: Buffer) => string;
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
  // Offline, the last publish record stands in for the service.
  const isUpToDate = local !== undefined && (service.state === 'not-checked'
    ? published?.sha256 === local.sha256
    : service.state === 'present' && service.enabled && service.sha256 === local.sha256);
  return {
    ...(local ? { local } : {}),
    ...(input.target ? { target: input.target } : {}),
    ...(published ? { published } : {}),
    ...(publication?.pending ? { pending: publication.pending } : {}),
    service,
    history: input.target ? await input.publishStore.history(input.target.trustAnchorArn, STATUS_HISTORY_LENGTH) : [],
    isUpToDate,
  };
}
