// Schema migrations for the SQLite store, applied in order and recorded in PRAGMA user_version.

/** Index i migrates user_version i to i + 1. Append only: never edit a released migration. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE certificates (
    serial TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    key_type TEXT NOT NULL,
    template TEXT,
    der BLOB NOT NULL,
    revoked_at TEXT,
    revocation_reason TEXT,
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
  );
  CREATE INDEX certificates_not_after ON certificates (not_after);
  -- Covers the CRL query, so building a CRL never reads the certificate rows (and their DER).
  CREATE INDEX certificates_revoked ON certificates (revoked_at, not_after, serial, revocation_reason) WHERE revoked_at IS NOT NULL;
  CREATE TABLE crls (
    crl_number INTEGER PRIMARY KEY,
    this_update TEXT NOT NULL,
    next_update TEXT NOT NULL,
    entry_count INTEGER NOT NULL,
    der BLOB NOT NULL
  );
  CREATE TABLE templates (name TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    serial TEXT,
    detail TEXT NOT NULL
  );
  CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `,
  // 2: CRL publishing (issue #5): the remembered targets with what was last sent to each, the
  // publish history, and a digest of the revoked set each CRL was built from.
  `
  CREATE TABLE publish_targets (
    trust_anchor_arn TEXT PRIMARY KEY,
    region TEXT NOT NULL,
    endpoint TEXT,
    crl_name TEXT NOT NULL,
    profile TEXT,
    last_used_at TEXT NOT NULL,
    crl_id TEXT,
    crl_arn TEXT,
    crl_number INTEGER,
    sha256 TEXT,
    bytes INTEGER,
    published_at TEXT,
    pending_since TEXT,
    pending_crl_number INTEGER,
    pending_sha256 TEXT
  ) WITHOUT ROWID;
  CREATE TABLE publish_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    trust_anchor_arn TEXT NOT NULL,
    action TEXT NOT NULL,
    crl_number INTEGER,
    sha256 TEXT,
    bytes INTEGER,
    crl_id TEXT
  );
  CREATE TABLE crl_contents (crl_number INTEGER PRIMARY KEY, entries_sha256 TEXT NOT NULL);
  `,
  // 3: renewal links (iamra renew) and the template filter of `list`.
  `
  ALTER TABLE certificates ADD COLUMN renewed_from TEXT;
  CREATE INDEX certificates_renewed_from ON certificates (renewed_from) WHERE renewed_from IS NOT NULL;
  CREATE INDEX certificates_template ON certificates (template) WHERE template IS NOT NULL;
  `,
];
