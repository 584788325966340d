// The StateStore contract against both back ends, each opened through openStateStore (the
// emulator's one composition point): in memory (no path) and SQLite (`--state FILE`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStateStore } from './open-state-store.js';
import type { StateStoreFactory } from './state-store-contract-support.js';
import { stateStoreContract } from './state-store.contract.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const memory: StateStoreFactory = {
  name: 'memory',
  isPersistent: false,
  freshLocation: async () => 'memory',
  open: async () => openStateStore(undefined),
};

const sqlite: StateStoreFactory = {
  name: 'SQLite',
  isPersistent: true,
  freshLocation: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-state-'));
    dirs.push(dir);
    return join(dir, 'state.db');
  },
  open: async (location) => openStateStore(location),
};

stateStoreContract(memory);
stateStoreContract(sqlite);
