// An emulator state file damaged after it opens (a page overwritten, page 1 intact), through the
// built CLI. The emulator reads all its state at startup: damage to the resources table makes it
// refuse to start, EMULATOR_STATE_DAMAGED (exit 3) in one line with the file and what to do, and
// the file is left as it was; restoring a copy works. Damage met only by a write (the unique index)
// lets it start and serve what it read; the write answers 500 InternalFailure and the log, even
// without --verbose, has one line saying why, with no stack. The failed create is not kept.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess } from '../support/emulator-process.js';
import { runCliAsync } from '../support/run-cli.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/damaged-state';
const PROFILES = 40;
// Without --access-keys the control plane wants a SigV4 Authorization header, not a valid one.
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host, Signature=00';
let dir: string;

function sqlite(path: string, sql: string): string {
  const result = spawnSync('sqlite3', [path, sql], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
  return result.stdout.trim();
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Overwrites the b-tree page header of `page`: not a valid page any more. */
function damagePage(path: string, page: number): void {
  const pageSize = Number(sqlite(path, 'PRAGMA page_size'));
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Buffer.alloc(16, 0xff), 0, 16, (page - 1) * pageSize);
  } finally {
    closeSync(fd);
  }
}

function rootPage(path: string, name: string): number {
  return Number(sqlite(path, `SELECT rootpage FROM sqlite_master WHERE name = '${name}'`));
}

async function createProfile(url: string, name: string): Promise<Response> {
  const tags = [{ key: 'padding', value: 'p'.repeat(250) }];
  return fetch(`${url}/profiles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTHORIZATION }, body: JSON.stringify({ name, roleArns: [ROLE_ARN], tags }) });
}

async function profileCount(url: string): Promise<number> {
  const answer = await fetch(`${url}/profiles?maxResults=100`, { headers: { authorization: AUTHORIZATION } });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { profiles: unknown[] }).profiles.length;
}

/** The expected line for the state file at `path` (absolute), damaged. */
function damagedLine(path: string): string {
  return `cannot use the emulator state file: it is damaged (${path}). Stop the emulator and restore the file from a copy, or delete it (with its -wal and -shm files) to start from empty state and create the resources again; "sqlite3 ${path} .recover | sqlite3 recovered.db" salvages what is left.`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-damaged-state-'));
  const emulator = await startEmulatorProcess(['--state', 'state.db'], { cwd: dir });
  for (let i = 0; i < PROFILES; i++) expect((await createProfile(emulator.url, `profile-${i}`)).status).toBe(201);
  expect(await emulator.stop('SIGTERM')).toBe(0);
  const state = join(dir, 'state.db');
  // Closing checkpoints the write-ahead log: the file alone holds every page damaged below.
  expect(existsSync(`${state}-wal`)).toBe(false);
  expect(rootPage(state, 'resources')).toBeGreaterThan(1);
  copyFileSync(state, join(dir, 'good.db'));
  copyFileSync(state, join(dir, 'index.db'));
  damagePage(state, rootPage(state, 'resources'));
  damagePage(join(dir, 'index.db'), rootPage(join(dir, 'index.db'), 'sqlite_autoindex_resources_1'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('emulator state damaged after open', () => {
  it('a damaged resources table: refuses to start with one line and exit 3, the file unchanged', async () => {
    const state = join(dir, 'state.db');
    const before = sha256(state);
    const result = await runCliAsync(['emulator', '--state', 'state.db'], { cwd: dir });
    expect([result.status, result.stdout, result.stderr]).toEqual([3, '', `iamra: ${damagedLine(state)}\n`]);
    expect(sha256(state)).toBe(before);
  });

  it('the advice works: the copy restored, the emulator starts with every profile', async () => {
    copyFileSync(join(dir, 'good.db'), join(dir, 'restored.db'));
    const emulator = await startEmulatorProcess(['--state', 'restored.db'], { cwd: dir });
    try {
      expect(await profileCount(emulator.url)).toBe(PROFILES);
    } finally {
      await emulator.stop();
    }
  });

  it('a damaged index met by a write: 500 to the client, one clear log line, nothing kept', async () => {
    const state = join(dir, 'index.db');
    const emulator = await startEmulatorProcess(['--state', 'index.db'], { cwd: dir });
    try {
      expect(await profileCount(emulator.url)).toBe(PROFILES);
      const answer = await createProfile(emulator.url, 'one-more');
      expect(answer.status).toBe(500);
      expect(answer.headers.get('x-amzn-errortype')).toBe('InternalFailure');
      expect(await answer.json()).toEqual({ message: 'Internal failure' });
      await emulator.waitForStderr('salvages what is left.\n');
      expect(emulator.stderr()).toContain(`iamra emulator: POST /profiles: 500 InternalFailure: EMULATOR_STATE_DAMAGED: ${damagedLine(state)}\n`);
      expect(emulator.stderr()).not.toMatch(/internal error|\n\s+at /);
      expect(await profileCount(emulator.url)).toBe(PROFILES);
    } finally {
      await emulator.stop();
    }
  });

  it('a file that is no database at all is still EMULATOR_STATE_UNREADABLE', async () => {
    writeFileSync(join(dir, 'notes.db'), 'x'.repeat(8192));
    const result = await runCliAsync(['emulator', '--state', 'notes.db'], { cwd: dir });
    expect([result.status, result.stderr]).toEqual([3, 'iamra: cannot open the state file: it is not an SQLite database or it is damaged (notes.db). Pass a writable SQLite file path.\n']);
  });
});
