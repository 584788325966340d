// The CA's storage port, shaped by the use-cases (issue, revoke, list, CRL, templates, audit).
// Every method is one operation (one transaction where it writes); back ends: sqlite/ and postgres/.
import type { RevocationReason } from '../../x509/crl-entry.js';

export type CertificateStatus = 'valid' | 'revoked' | 'expired';

export interface CertificateRecord {
  /** Lower-case hex, no leading zero byte. */
  serialHex: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  issuedAt: Date;
  keyType: string;
  template?: string;
  der: Buffer;
  revokedAt?: Date;
  revocationReason?: RevocationReason;
  /** Serial of the certificate this one renewed (`iamra renew`), if any. */
  renewedFrom?: string;
}

/** One append-only audit entry: who did what, when. Never key material. */
export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  serialHex?: string;
  detail: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  id: number;
}

export interface CertificateFilter {
  status?: CertificateStatus;
  /** Only certificates whose notAfter is before this instant. */
  notAfterBefore?: Date;
  /** Only subjects containing this text (ASCII letters compare case-insensitively). */
  subjectContains?: string;
  /** Only subjects the whole of which match this glob: `*` is any run of characters (ASCII case-insensitive). */
  subjectGlob?: string;
  /** Only certificates issued with this template (exact name). */
  template?: string;
  /** The instant that decides valid versus expired. */
  now: Date;
}

export interface CrlRecord {
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entryCount: number;
  der: Buffer;
}

export interface RevokedEntry {
  serialHex: string;
  revokedAt: Date;
  reason: RevocationReason;
}

export interface CrlSnapshot {
  entries: RevokedEntry[];
  lastCrlNumber: number;
}

export type RevokeOutcome = { outcome: 'revoked' } | { outcome: 'not-found' } | { outcome: 'already-revoked'; record: CertificateRecord };

/** `iamra renew --revoke-old`: the revocation (reason superseded) of the certificate a renewal names in `renewedFrom`. */
export interface Supersession {
  revokedAt: Date;
  audit: AuditEntry;
}

/** `not-found` and `already-revoked` describe the renewed (old) certificate; then nothing was written. */
export type RenewalOutcome = { outcome: 'inserted' } | { outcome: 'serial-taken' } | { outcome: 'not-found' } | { outcome: 'already-revoked'; record: CertificateRecord };

export interface CertStore {
  getSetting(key: string): Promise<string | undefined>;
  /** Writes settings and an audit entry in one transaction. */
  putSettings(values: Record<string, string>, audit: AuditEntry): Promise<void>;
  /** Stores an issued certificate with its audit entry; `serial-taken` when the serial exists. */
  insertCertificate(record: CertificateRecord, audit: AuditEntry): Promise<'inserted' | 'serial-taken'>;
  /**
   * Stores a renewal (`record.renewedFrom` set) and revokes the certificate it renews as superseded,
   * with both audit entries (the renewal's first), in one transaction: all of it, or nothing when
   * that certificate is missing or already revoked or the new serial is taken.
   */
  insertRenewal(record: CertificateRecord & { renewedFrom: string }, audit: AuditEntry, supersession: Supersession): Promise<RenewalOutcome>;
  findCertificate(serialHex: string): Promise<CertificateRecord | undefined>;
  /** Certificates whose serial starts with `prefix` (lower-case hex), at most `limit`, by serial. */
  findCertificatesBySerialPrefix(prefix: string, limit: number): Promise<CertificateRecord[]>;
  /** Certificates whose `renewedFrom` is `serialHex`, oldest issued first. */
  renewalsOf(serialHex: string): Promise<CertificateRecord[]>;
  /** Oldest issued first. */
  listCertificates(filter: CertificateFilter): Promise<CertificateRecord[]>;
  revokeCertificate(input: RevokedEntry, audit: AuditEntry): Promise<RevokeOutcome>;
  /** Revoked certificates whose notAfter is not before `now`, and the last CRL number (0 if none). */
  crlSnapshot(now: Date): Promise<CrlSnapshot>;
  /** Stores a CRL with its audit entry; `number-taken` when another process used that number. */
  insertCrl(record: CrlRecord, audit: AuditEntry): Promise<'inserted' | 'number-taken'>;
  latestCrl(): Promise<CrlRecord | undefined>;
  getTemplate(name: string): Promise<string | undefined>;
  listTemplates(): Promise<Array<{ name: string; body: string }>>;
  /** Creates or replaces a template with its audit entry; says which it was. */
  putTemplate(name: string, body: string, audit: AuditEntry): Promise<'created' | 'replaced'>;
  deleteTemplate(name: string, audit: AuditEntry): Promise<boolean>;
  auditLog(): Promise<AuditRecord[]>;
}
