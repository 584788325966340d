// The CA's storage interface, shaped by the use-cases (issue, revoke, list, CRL, templates, audit).
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
  /** SQL LIKE pattern on the subject string, `%` and `_` wildcards. */
  subjectLike?: string;
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

export type RevokeOutcome = { outcome: 'revoked' } | { outcome: 'not-found' } | { outcome: 'already-revoked'; record: CertificateRecord };

export interface CertStore {
  getSetting(key: string): string | undefined;
  /** Writes settings and an audit entry in one transaction. */
  putSettings(values: Record<string, string>, audit: AuditEntry): void;
  /** Stores an issued certificate with its audit entry; `serial-taken` when the serial exists. */
  insertCertificate(record: CertificateRecord, audit: AuditEntry): 'inserted' | 'serial-taken';
  findCertificate(serialHex: string): CertificateRecord | undefined;
  listCertificates(filter: CertificateFilter): CertificateRecord[];
  revokeCertificate(input: RevokedEntry, audit: AuditEntry): RevokeOutcome;
  /** Revoked certificates whose notAfter is not before `now`, and the last CRL number (0 if none). */
  crlSnapshot(now: Date): { entries: RevokedEntry[]; lastCrlNumber: number };
  /** Stores a CRL with its audit entry; `number-taken` when another process used that number. */
  insertCrl(record: CrlRecord, audit: AuditEntry): 'inserted' | 'number-taken';
  latestCrl(): CrlRecord | undefined;
  getTemplate(name: string): string | undefined;
  listTemplates(): Array<{ name: string; body: string }>;
  putTemplate(name: string, body: string, audit: AuditEntry): void;
  deleteTemplate(name: string, audit: AuditEntry): boolean;
  auditLog(): AuditRecord[];
  close(): void;
}
