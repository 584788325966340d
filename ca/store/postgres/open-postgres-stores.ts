// Opens the CA's PostgreSQL store: one pool serves both ports; the schema is checked (or, for
// `ca init`, created) before any operation. Loaded through import() only when a postgres:// store
// is used, so pg is never on another path.
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { InputError } from '../../../errors.js';
import { redactStoreUrl } from '../../ca-config.js';
import type { CaStores, OpenStoresOptions } from '../ca-stores.js';
import { describePostgresError } from './describe-postgres-error.js';
import { lookupPassword } from './postgres-password.js';
import { postgresCertStore } from './postgres-cert-store.js';
import { PostgresDatabase } from './postgres-database.js';
import { postgresPublishStore } from './postgres-publish-store.js';
import { checkPostgresSchema, migratePostgres } from './postgres-schema.js';

const INT8_OID = 20;

/** BIGINT columns (CRL numbers, ids, sizes) as numbers: every value iamra stores is below 2^53. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')),
};

/** A pool over `url`; the password from the URL, else PGPASSWORD, else ~/.pgpass. */
export function openPostgresDatabase(url: string): PostgresDatabase {
  const where = redactStoreUrl(url);
  let pool: pg.Pool;
  try {
    // Parsed here, not passed as connectionString: pg would overwrite a password function with the URL's none.
    const config = parseIntoClientConfig(url);
    const hasPassword = typeof config.password === 'string' && config.password !== '';
    pool = new pg.Pool({
      ...config,
      types: types as pg.CustomTypesConfig,
      max: 4,
      connectionTimeoutMillis: 10_000,
      // pg calls the function with the connection's parameters (its typings omit the argument).
      ...(hasPassword ? {} : { password: lookupPassword as unknown as () => Promise<string> }),
    });
  } catch (error) {
    // A TLS file the URL names is read here (ENOENT, EACCES); anything else is a URL pg cannot parse.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ERR_INVALID_URL') throw describePostgresError(error, where);
    throw new InputError('CA_STORE_URL_INVALID', `cannot open the CA store ${where}: the URL does not parse. Use postgres://USER@HOST[:PORT]/DATABASE (docs/ca.md, "PostgreSQL").`, { cause: error });
  }
  // An idle client's error (the server restarted) must not crash the process: the pool drops it.
  pool.on('error', () => undefined);
  return new PostgresDatabase(pool, where);
}

export async function openPostgresStores(url: string, options: OpenStoresOptions): Promise<CaStores> {
  const db = openPostgresDatabase(url);
  try {
    if (options.create) {
      await migratePostgres(db);
      const [held] = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM settings');
      if ((held?.count ?? 0) > 0) throw new InputError('CA_EXISTS', `cannot create a CA in the store ${db.where}: it already holds one. Choose another database.`);
    } else {
      await checkPostgresSchema(db);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return { certStore: postgresCertStore(db), publishStore: postgresPublishStore(db), close: () => db.close() };
}
