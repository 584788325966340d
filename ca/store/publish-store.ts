// Storage port for CRL publishing (issue #5): remembered targets, what was last sent, history.
import type { AuditEntry } from './cert-store.js';

/** Where a CA's CRL goes: one Roles Anywhere trust anchor. */
export interface PublishTarget {
  trustAnchorArn: string;
  region: string;
  /** Custom endpoint URL (an emulator, a VPC endpoint); the regional endpoint when absent. */
  endpoint?: string;
  /** The CRL's name on the service; unique per CA so an interrupted import can be found again. */
  crlName: string;
  /** AWS shared-config profile for the credentials. */
  profile?: string;
}

/** What the service was last sent for one target. */
export interface SentCrl {
  crlId: string;
  crlArn: string;
  /** Absent for a `--crl FILE` without a cRLNumber. */
  crlNumber?: number;
  /** Lower-case hex SHA-256 of the exact bytes sent (the PEM). */
  sha256: string;
  bytes: number;
  publishedAt: Date;
}

/** An ImportCrl that was started but whose answer was never recorded. */
export interface PendingImport {
  since: Date;
  crlNumber?: number;
  sha256: string;
}

export interface Publication {
  target: PublishTarget;
  lastUsedAt: Date;
  sent?: SentCrl;
  pending?: PendingImport;
}

export type PublishAction = 'imported' | 'adopted' | 'updated' | 'enabled' | 'forgotten';

export interface PublishHistoryEntry {
  at: Date;
  trustAnchorArn: string;
  action: PublishAction;
  crlNumber?: number;
  sha256?: string;
  bytes?: number;
  crlId?: string;
}

/** What recordPending checks, in its transaction, so two publishers never both import. */
export interface PendingGuard {
  /** The recorded CRL id the caller decided on (undefined: none); another id means another publish won. */
  expectedCrlId: string | undefined;
  /** Another pending import younger than this holds the anchor. */
  leaseSeconds: number;
}

/** `busy`: another import is in flight; `changed`: another publish recorded a CRL meanwhile. */
export type PendingOutcome = 'recorded' | 'busy' | 'changed';

export interface PublishStore {
  /** The most recently used target: what `--ca` alone publishes to. */
  rememberedTarget(): Promise<Publication | undefined>;
  publication(trustAnchorArn: string): Promise<Publication | undefined>;
  /** Every remembered target, most recently used first. */
  publications(): Promise<Publication[]>;
  /** Saves the target (and makes it the remembered one) without touching what was sent. */
  saveTarget(target: PublishTarget, at: Date): Promise<void>;
  /**
   * Before ImportCrl: saves the target and marks an import in flight. No audit entry: the import
   * is audited when recorded, and a refused import is undone without a trace (abandonPending).
   */
  recordPending(target: PublishTarget, pending: PendingImport, guard: PendingGuard): Promise<PendingOutcome>;
  /** The service definitely refused the import: put the row back as `previous` left it. */
  abandonPending(trustAnchorArn: string, previous: Publication | undefined): Promise<void>;
  /** After the service accepted a CRL: what was sent, a history row and the audit entry, in one transaction. */
  recordSent(target: PublishTarget, sent: SentCrl, action: PublishAction, audit: AuditEntry): Promise<void>;
  /** The service no longer holds the recorded CRL (deleted there): forget its id. */
  forgetSent(trustAnchorArn: string, audit: AuditEntry): Promise<void>;
  history(trustAnchorArn: string, limit: number): Promise<PublishHistoryEntry[]>;
  /** SHA-256 of the revoked set CRL `crlNumber` was built from, if this CA recorded it. */
  entriesDigest(crlNumber: number): Promise<string | undefined>;
  putEntriesDigest(crlNumber: number, digest: string): Promise<void>;
}
