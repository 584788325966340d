// Schema migrations for the PostgreSQL store, applied in order under an advisory lock by
// `iamra ca migrate` (and `ca init`), and recorded in the one-row schema_version table.
// Version 1 is the SQLite store's schema 3 in PostgreSQL's types.

/** Index i migrates schema version i to i + 1. Append only: never edit a released migration. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE certificates (
    id BIGSERIAL PRIMARY KEY,
    serial TEXT COLLATE "C" NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    not_before TIMESTAMPTZ NOT NULL,
    not_after TIMESTAMPTZ NOT NULL,
    issued_at TIMESTAMPTZ NOT NULL,
    key_type TEXT NOT NULL,
    template TEXT COLLATE "C",
    der BYTEA NOT NULL,
    revoked_at TIMESTAMPTZ,
    revocation_reason TEXT,
    renewed_from TEXT COLLATE "C",
    CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
  );
  CREATE INDEX certificates_not_after ON certificates (not_after);
  CREATE INDEX certificates_revoked ON certificates (not_after) INCLUDE (serial, revoked_at, revocation_reason) WHERE revoked_at IS NOT NULL;
  CREATE INDEX certificates_issued ON certificates (issued_at, id);
  CREATE INDEX certificates_renewed_from ON certificates (renewed_from) WHERE renewed_from IS NOT NULL;
  CREATE INDEX certificates_template ON certificates (template) WHERE template IS NOT NULL;
  CREATE TABLE crls (
    crl_number BIGINT PRIMARY KEY CHECK (crl_number > 0),
    this_update TIMESTAMPTZ NOT NULL,
    next_update TIMESTAMPTZ NOT NULL,
    entry_count INTEGER NOT NULL,
    der BYTEA NOT NULL
  );
  CREATE TABLE templates (name TEXT COLLATE "C" PRIMARY KEY, body TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
  CREATE TABLE audit_log (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    serial TEXT COLLATE "C",
    detail TEXT NOT NULL
  );
  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  CREATE TABLE publish_targets (
    trust_anchor_arn TEXT COLLATE "C" PRIMARY KEY,
    region TEXT NOT NULL,
    endpoint TEXT,
    crl_name TEXT NOT NULL,
    profile TEXT,
    last_used_at TIMESTAMPTZ NOT NULL,
    crl_id TEXT,
    crl_arn TEXT,
    crl_number BIGINT,
    sha256 TEXT,
    bytes BIGINT,
    published_at TIMESTAMPTZ,
    pending_since TIMESTAMPTZ,
    pending_crl_number BIGINT,
    pending_sha256 TEXT
  );
  CREATE TABLE publish_history (
    id BIGSERIAL PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    trust_anchor_arn TEXT COLLATE "C" NOT NULL,
    action TEXT NOT NULL,
    crl_number BIGINT,
    sha256 TEXT,
    bytes BIGINT,
    crl_id TEXT
  );
  CREATE INDEX publish_history_anchor ON publish_history (trust_anchor_arn, id);
  CREATE TABLE crl_contents (crl_number BIGINT PRIMARY KEY, entries_sha256 TEXT NOT NULL);
  `,
];
