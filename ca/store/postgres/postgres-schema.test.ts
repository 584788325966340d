// The PostgreSQL schema check and upgrade on a real server. This iamra has one schema version, so
// an older schema cannot exist yet: a newer iamra is played by appending a migration to the list
// (the one test-only input of migratePostgres and checkPostgresSchema), which makes the real
// version 1 the older schema that CA_DATABASE_OLD and `ca migrate` are about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PASSWORD, startPostgres, type PostgresServer } from '../../../test/support/postgres-server.js';
import { POSTGRES_MIGRATIONS } from './migrations.js';
import { openPostgresDatabase } from './open-postgres-stores.js';
import type { PostgresDatabase } from './postgres-database.js';
import { checkPostgresSchema, migratePostgres } from './postgres-schema.js';

let server: PostgresServer;
const opened: PostgresDatabase[] = [];

beforeAll(async () => {
  server = await startPostgres();
  process.env.PGPASSWORD = ROLE_PASSWORD;
});
afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  server?.remove();
});

/** The migrations of an iamra one schema version ahead of this one. */
const NEXT = [...POSTGRES_MIGRATIONS, 'ALTER TABLE certificates ADD COLUMN next_probe TEXT'];

async function freshDatabase(): Promise<PostgresDatabase> {
  const db = openPostgresDatabase(await server.createDatabase());
  opened.push(db);
  return db;
}

async function version(db: PostgresDatabase): Promise<number | undefined> {
  const [exists] = await db.query<{ present: boolean }>("SELECT to_regclass('schema_version') IS NOT NULL AS present");
  if (!exists?.present) return undefined;
  return (await db.query<{ version: number }>('SELECT version FROM schema_version'))[0]?.version;
}

describe('PostgreSQL schema versions', () => {
  it('refuses an older schema with CA_DATABASE_OLD until migrate upgrades it; the older iamra then refuses it as too new', async () => {
    const db = await freshDatabase();
    expect(await migratePostgres(db)).toEqual({ from: 0, to: POSTGRES_MIGRATIONS.length });
    await expect(checkPostgresSchema(db)).resolves.toBeUndefined();
    const old = checkPostgresSchema(db, NEXT);
    await expect(old).rejects.toMatchObject({ code: 'CA_DATABASE_OLD', exitCode: 3 });
    await expect(old).rejects.toThrow(`cannot use CA store ${db.where}: schema version 1 is older than this iamra's (2). Run "iamra ca migrate" once all nodes run this iamra.`);
    expect(await migratePostgres(db, NEXT)).toEqual({ from: 1, to: 2 });
    expect(await db.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'certificates' AND column_name = 'next_probe'")).toHaveLength(1);
    await expect(checkPostgresSchema(db, NEXT)).resolves.toBeUndefined();
    await expect(checkPostgresSchema(db)).rejects.toMatchObject({ code: 'CA_DATABASE_TOO_NEW' });
    await expect(migratePostgres(db)).rejects.toMatchObject({ code: 'CA_DATABASE_TOO_NEW' });
    expect(await version(db)).toBe(2);
  });

  it('two migrators at once: the lock lets one upgrade and the other find it done', async () => {
    const db = await freshDatabase();
    await migratePostgres(db);
    const results = await Promise.all([migratePostgres(db, NEXT), migratePostgres(db, NEXT)]);
    expect(results.map((r) => r.from).sort()).toEqual([1, 2]);
    expect(results.map((r) => r.to)).toEqual([2, 2]);
  });

  it('a failed migration changes nothing, so version 0 is never left behind: an empty database stays "no CA"', async () => {
    const db = await freshDatabase();
    await expect(migratePostgres(db, ['CREATE TABLE settings (key TEXT PRIMARY KEY); SELECT no_such_function()'])).rejects.toMatchObject({ code: 'CA_DATABASE_FAILED' });
    expect(await version(db)).toBeUndefined();
    await expect(checkPostgresSchema(db)).rejects.toMatchObject({ code: 'CA_NOT_FOUND' });
    await migratePostgres(db);
    await expect(migratePostgres(db, [...NEXT.slice(0, 1), 'SELECT no_such_function()'])).rejects.toMatchObject({ code: 'CA_DATABASE_FAILED' });
    expect(await version(db)).toBe(1);
  });
});
