// The store contract suites against a real PostgreSQL (test/support/postgres-server.ts): one
// server for the file, one database per test; the password reaches every process by PGPASSWORD.
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, ROLE_PASSWORD, type PostgresServer } from '../../../test/support/postgres-server.js';
import { parseStoreLocation } from '../../ca-config.js';
import { certStoreContract } from '../cert-store.contract.js';
import { openStores } from '../open-stores.js';
import { publishStoreContract } from '../publish-store.contract.js';
import type { StoreFactory } from '../store-contract-support.js';

let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
  process.env.PGPASSWORD = ROLE_PASSWORD;
});
afterAll(() => server?.remove());

const postgres: StoreFactory = {
  name: 'PostgreSQL',
  freshLocation: () => server.createDatabase(),
  open: (location, options) => openStores(parseStoreLocation(location, process.cwd()), options),
  refuseRevocations: async (location) => {
    const client = new pg.Client({ connectionString: location });
    await client.connect();
    try {
      await client.query(`CREATE FUNCTION refuse_revocations() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'revocations refused by the test'; END $$`);
      await client.query('CREATE TRIGGER refuse_revocations BEFORE UPDATE OF revoked_at ON certificates FOR EACH ROW EXECUTE FUNCTION refuse_revocations()');
    } finally {
      await client.end();
    }
  },
};

certStoreContract(postgres);
publishStoreContract(postgres);
