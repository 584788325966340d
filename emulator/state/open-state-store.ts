// The emulator's one place that opens its state: in memory by default, SQLite for `--state FILE`.
import { MemoryStore } from './memory-store.js';
import type { StateStore } from './state-store.js';

export async function openStateStore(statePath: string | undefined): Promise<StateStore> {
  if (statePath === undefined) return new MemoryStore();
  // better-sqlite3 loads only when state is on disk.
  const { SqliteStore } = await import('./sqlite-store.js');
  return SqliteStore.open(statePath);
}
