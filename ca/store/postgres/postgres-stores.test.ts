// The store contract suites against a real PostgreSQL (test/support/postgres-server.ts): one
// server for the file, one database per test; the password reaches every process by PGPASSWORD.
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
};

certStoreContract(postgres);
publishStoreContract(postgres);
