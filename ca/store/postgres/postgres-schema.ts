// The PostgreSQL store's schema version: `ca migrate` (and `ca init`) create or upgrade it under
// an advisory lock; every other command refuses a schema that is not the one it knows, because
// other nodes may still run the iamra that schema belongs to.
import { InputError } from '../../../errors.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import type { PostgresDatabase, Queryable } from './postgres-database.js';

/** One lock key for every iamra migrator on the server (pg_advisory_xact_lock's bigint). */
const MIGRATION_LOCK = 0x69616d7261;

export interface MigrationResult {
  from: number;
  to: number;
}

async function currentVersion(tx: Queryable): Promise<number | undefined> {
  const [exists] = await tx.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!exists?.present) return undefined;
  const [row] = await tx.query<{ version: number }>('SELECT version FROM schema_version');
  return row?.version ?? 0;
}

function tooNew(where: string, version: number, known: number): InputError {
  return new InputError('CA_DATABASE_TOO_NEW', `cannot use CA store ${where}: schema version ${version} is newer than this iamra (${known}). Upgrade iamra.`);
}

/**
 * Creates or upgrades the schema in one transaction, holding the migration lock. `migrations` is
 * this iamra's list; tests pass a longer one to play a newer iamra (postgres-schema.test.ts).
 */
export async function migratePostgres(db: PostgresDatabase, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<MigrationResult> {
  return db.transaction('READ COMMITTED', (tx) => migrateSchema(tx, db.where, migrations));
}

/** The migration inside a caller's transaction (`ca restore`, `ca export-store`: schema and rows commit together). */
export async function migrateSchema(tx: Queryable, where: string, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<MigrationResult> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  let version = await currentVersion(tx);
  if (version === undefined) {
    await tx.query('CREATE TABLE schema_version (version INTEGER NOT NULL, single BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (single))');
    await tx.query('INSERT INTO schema_version (version) VALUES (0)');
    version = 0;
  }
  if (version > migrations.length) throw tooNew(where, version, migrations.length);
  const from = version;
  for (; version < migrations.length; version++) {
    await tx.query(migrations[version] ?? '');
    await tx.query('UPDATE schema_version SET version = $1', [version + 1]);
  }
  return { from, to: version };
}

/**
 * Refuses a database without the CA's schema, or with another version of it. Version 0 is never
 * committed (the table is made in the transaction that runs migration 1), so it means no CA too.
 */
export async function checkPostgresSchema(db: PostgresDatabase, migrations: readonly string[] = POSTGRES_MIGRATIONS): Promise<void> {
  const version = await db.transaction('READ COMMITTED', currentVersion, true);
  if (version === undefined || version === 0) {
    throw new InputError('CA_NOT_FOUND', `no CA in the store ${db.where}: the database holds no iamra schema. Run "iamra ca init --store URL" for a new CA, or fix the URL.`);
  }
  if (version > migrations.length) throw tooNew(db.where, version, migrations.length);
  if (version < migrations.length) {
    throw new InputError('CA_DATABASE_OLD', `cannot use CA store ${db.where}: schema version ${version} is older than this iamra's (${migrations.length}). Run "iamra ca migrate" once all nodes run this iamra.`);
  }
}
