// The emulator's one place that opens its state: in memory by default, SQLite for `--state FILE`,
// whose damage or full disk met after open is reported as one user error (report-state-damage.ts).
import { IamraError, InputError } from '../../errors.js';
import { describeSqliteError, sqliteCode, sqliteFileFailure } from '../../io/describe-sqlite-error.js';
import { MemoryStore } from './memory-store.js';
import { asStateDamageError, reportStateDamage } from './report-state-damage.js';
import type { StateStore } from './state-store.js';

export async function openStateStore(statePath: string | undefined): Promise<StateStore> {
  if (statePath === undefined) return new MemoryStore();
  // better-sqlite3 loads only when state is on disk.
  const { SqliteStore } = await import('./sqlite-store.js');
  try {
    return reportStateDamage(await SqliteStore.open(statePath), statePath);
  } catch (error) {
    if (error instanceof IamraError) throw error;
    // A full disk met setting up the file (its write-ahead log) says so; its header unreadable stays below.
    if (sqliteFileFailure(error, statePath) === 'full') throw asStateDamageError(error, statePath);
    const code = sqliteCode(error);
    if (code === undefined) throw error;
    const todo = code.startsWith('SQLITE_BUSY') ? 'Stop the emulator that uses it, or pass another file' : 'Pass a writable SQLite file path';
    throw new InputError('EMULATOR_STATE_UNREADABLE', `cannot open the state file: ${describeSqliteError(error)} (${statePath}). ${todo}.`, { cause: error });
  }
}
