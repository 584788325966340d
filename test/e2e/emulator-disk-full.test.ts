// The emulator's state file on a disk that fills while it runs, for real (a tmpfs filled to the
// last byte): a create answers 500 InternalFailure, stderr has one DISK_FULL line naming the file
// (without --verbose), and the change is not kept; once space is freed the same emulator stores
// again, and a restart finds every profile it answered 201 for. Needs root and `mount -t tmpfs`.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess } from '../support/emulator-process.js';
import { fillDisk, mountTmpfs, unmountTmpfs } from '../support/full-disk.js';
import { runCliAsync } from '../support/run-cli.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/full-disk';
// Without --access-keys the control plane wants a SigV4 Authorization header, not a valid one.
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host, Signature=00';
const mount = mountTmpfs('8m');

afterAll(() => {
  if (mount) unmountTmpfs(mount);
});

function createProfile(url: string, name: string): Promise<Response> {
  return fetch(`${url}/profiles`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: AUTHORIZATION }, body: JSON.stringify({ name, roleArns: [ROLE_ARN] }) });
}

async function profileNames(url: string): Promise<string[]> {
  const answer = await fetch(`${url}/profiles`, { headers: { authorization: AUTHORIZATION } });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { profiles: Array<{ name: string }> }).profiles.map((p) => p.name);
}

describe.skipIf(!mount)('emulator state on a full disk (tmpfs)', () => {
  it('500 and one DISK_FULL line while full, nothing kept; stores again once space is freed', async () => {
    const state = join(mount!, 'state.db');
    const emulator = await startEmulatorProcess(['--state', state]);
    try {
      expect((await createProfile(emulator.url, 'before')).status).toBe(201);
      fillDisk(join(mount!, 'filler'));
      const answer = await createProfile(emulator.url, 'while-full');
      expect(answer.status).toBe(500);
      expect(await answer.json()).toEqual({ message: 'Internal failure' });
      await emulator.waitForStderr('was not stored.\n');
      expect(emulator.stderr()).toContain(`iamra emulator: POST /profiles: 500 InternalFailure: DISK_FULL: cannot write the emulator state file ${state}: the disk or filesystem holding it is full. Free space on it and rerun; the change that failed was not stored.\n`);
      expect(emulator.stderr()).not.toMatch(/internal error|\n\s+at /);
      expect(await profileNames(emulator.url)).toEqual(['before']);
      // A second emulator on a new state file on the full disk does not start, and leaves no file.
      const other = join(mount!, 'other.db');
      const refused = await runCliAsync(['emulator', '--state', other]);
      expect([refused.status, refused.stdout]).toEqual([3, '']);
      expect(refused.stderr).toMatch(new RegExp(`^iamra: cannot write the emulator state file ${other}: the disk or filesystem holding it is full\\. Free space on it and rerun; the change that failed was not stored\\.\n$`));
      expect(readdirSync(mount!).sort()).toEqual(['filler', 'state.db', 'state.db-wal']);
      rmSync(join(mount!, 'filler'));
      expect((await createProfile(emulator.url, 'after')).status).toBe(201);
    } finally {
      expect(await emulator.stop()).toBe(0);
    }
    const again = await startEmulatorProcess(['--state', state]);
    try {
      expect(await profileNames(again.url)).toEqual(['before', 'after']);
    } finally {
      await again.stop();
    }
  });
});
