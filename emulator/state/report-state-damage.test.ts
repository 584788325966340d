// asStateDamageError: which SQLite codes mean a damaged state file or a full disk, in the
// emulator's words (the CLI side: test/e2e/emulator-damaged-state.test.ts).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { asStateDamageError } from './report-state-damage.js';

const PATH = '/srv/emulator/state.db';
/** An error shaped as better-sqlite3's SqliteError (only the SQLite adapters load the driver: ports.test.ts). */
const sqliteError = (message: string, code: string) => Object.assign(new Error(message), { name: 'SqliteError', code });

describe('asStateDamageError', () => {
  it.each(['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB'])('%s is EMULATOR_STATE_DAMAGED', (code) => {
    const error = asStateDamageError(sqliteError('database disk image is malformed', code), PATH);
    expect(error).toMatchObject({ code: 'EMULATOR_STATE_DAMAGED', exitCode: 3 });
    expect((error as Error).message).toMatch(/^cannot use the emulator state file: it is damaged \(\/srv\/emulator\/state\.db\)\. Stop the emulator and restore the file from a copy, or delete it/);
  });

  it('SQLITE_IOERR_WRITE on a disk with room is EMULATOR_STATE_DAMAGED, the disk checked first', () => {
    const error = asStateDamageError(sqliteError('disk I/O error', 'SQLITE_IOERR_WRITE'), PATH);
    expect((error as Error).message).toMatch(/^cannot use the emulator state file: the disk reported an I\/O error on it \(\/srv\/emulator\/state\.db\)\. Check the disk, then stop the emulator/);
  });

  it('SQLITE_FULL is DISK_FULL, the change not stored', () => {
    const error = asStateDamageError(sqliteError('database or disk is full', 'SQLITE_FULL'), PATH);
    expect(error).toMatchObject({ code: 'DISK_FULL', exitCode: 3 });
    expect((error as Error).message).toBe('cannot write the emulator state file /srv/emulator/state.db: the disk or filesystem holding it is full. Free space on it and rerun; the change that failed was not stored.');
  });

  it('leaves every other error as it was', () => {
    for (const error of [sqliteError('database is locked', 'SQLITE_BUSY'), new Error('bug'), new InputError('X', 'x')]) {
      expect(asStateDamageError(error, PATH)).toBe(error);
    }
  });
});
