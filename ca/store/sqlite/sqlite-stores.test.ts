// The store contract suites against SQLite: this factory is the only SQLite-specific part.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStoreLocation } from '../../ca-config.js';
import { certStoreContract } from '../cert-store.contract.js';
import { openStores } from '../open-stores.js';
import { publishStoreContract } from '../publish-store.contract.js';
import type { StoreFactory } from '../store-contract-support.js';

const sqlite: StoreFactory = {
  name: 'SQLite',
  freshLocation: async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'iamra-store-')), 'ca.db')}`,
  open: (location, options) => openStores(parseStoreLocation(location, tmpdir()), options),
};

certStoreContract(sqlite);
publishStoreContract(sqlite);
