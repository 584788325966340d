// `update` through the built binary: rewrites one profile of a shared credentials file with
// several profiles and comments, leaving every other byte alone; atomic, 0600, parent 0700;
// keeps refreshing before expiry and survives transient failures.
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnFlags, createPki, issueLeaf, tempDir, type IdentityFiles } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { spawnHelper } from './helper-support/spawn-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let leaf: IdentityFiles;
let sessions: SessionServer;

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'updated', 'ec-p256');
  sessions = await startSessionServer();
});
afterAll(() => sessions.stop());

const ORIGINAL = [
  '# shared credentials, hand-edited',
  '[default]',
  'aws_access_key_id = AKIADEFAULT',
  'aws_secret_access_key = default-secret',
  '',
  '; the workload profile',
  '[work]',
  'region = eu-west-1',
  'aws_access_key_id=OLDKEY',
  '# keep this comment',
  'aws_session_token = old-token',
  'output = json',
  '',
  '[other]',
  'aws_access_key_id = AKIAOTHER',
  'region = us-west-2',
].join('\n');

const args = (extra: string[]): string[] => ['update', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, ...extra];

describe('update', () => {
  it('--once replaces the three keys of one profile and leaves everything else as it was', async () => {
    const home = tempDir('iamra-home-');
    const path = join(home, 'credentials');
    writeFileSync(path, ORIGINAL, { mode: 0o644 });
    const result = await runHelper(args(['--once', '--profile', 'work']), { HOME: home, AWS_SHARED_CREDENTIALS_FILE: path });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    const issued = sessions.issued.at(-1)!;
    const expected = ORIGINAL.replace('aws_access_key_id=OLDKEY', `aws_access_key_id = ${issued.accessKeyId}`)
      .replace('aws_session_token = old-token', `aws_session_token = ${issued.sessionToken}`)
      .replace('output = json', `output = json\naws_secret_access_key = ${issued.secretAccessKey}`);
    expect(readFileSync(path, 'utf8')).toBe(expected);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(home)).toEqual(['credentials']);
  });

  it('creates ~/.aws (0700) and the file (0600) with a new profile when missing', async () => {
    const home = tempDir('iamra-home-');
    const result = await runHelper(args(['--once']), { HOME: home });
    expect(result.status).toBe(0);
    const issued = sessions.issued.at(-1)!;
    const path = join(home, '.aws', 'credentials');
    expect(readFileSync(path, 'utf8')).toBe(`[default]\naws_access_key_id = ${issued.accessKeyId}\naws_secret_access_key = ${issued.secretAccessKey}\naws_session_token = ${issued.sessionToken}\n`);
    expect(statSync(join(home, '.aws')).mode & 0o777).toBe(0o700);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('concurrent updates of different profiles of one file lose none of them', async () => {
    const home = tempDir('iamra-home-');
    const path = join(home, 'credentials');
    writeFileSync(path, ORIGINAL, { mode: 0o600 });
    const profiles = ['p1', 'p2', 'p3', 'p4', 'work'];
    const results = await Promise.all(profiles.map((profile) => runHelper(args(['--once', '--profile', profile]), { HOME: home, AWS_SHARED_CREDENTIALS_FILE: path })));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0, 0, 0]);
    const content = readFileSync(path, 'utf8');
    for (const profile of profiles) expect(content).toContain(`[${profile}]\n`);
    expect(content.match(/aws_session_token = /g)).toHaveLength(profiles.length);
    expect(content.startsWith(ORIGINAL.split('[work]')[0]!)).toBe(true);
    expect(readdirSync(home)).toEqual(['credentials']);
  });

  it('follows a symlinked credentials file, so the link survives', async () => {
    const home = tempDir('iamra-home-');
    const target = join(home, 'real-credentials');
    writeFileSync(target, ORIGINAL, { mode: 0o600 });
    symlinkSync(target, join(home, 'credentials'));
    const result = await runHelper(args(['--once', '--profile', 'other']), { HOME: home, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials') });
    expect(result.status).toBe(0);
    expect(lstatSync(join(home, 'credentials')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toContain(`[other]\naws_access_key_id = ${sessions.issued.at(-1)!.accessKeyId}\n`);
  });

  it('--once leaves the file untouched when the service refuses (exit 1)', async () => {
    const home = tempDir('iamra-home-');
    const path = join(home, 'credentials');
    writeFileSync(path, ORIGINAL, { mode: 0o600 });
    sessions.script.push({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: '{"message":"Certificate revoked"}' });
    const result = await runHelper(args(['--once', '--profile', 'work']), { HOME: home, AWS_SHARED_CREDENTIALS_FILE: path });
    expect(result.status).toBe(1);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked .* issue a new certificate\.$/);
    expect(readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(home)).toEqual(['credentials']);
  });

  it('stops at once on SIGTERM while a call hangs, leaving the file as it was', async () => {
    const home = tempDir('iamra-home-');
    const path = join(home, 'credentials');
    writeFileSync(path, ORIGINAL, { mode: 0o600 });
    const before = sessions.requests.length;
    sessions.script.push({ status: 0, hang: true });
    const helper = spawnHelper(args(['--profile', 'work']), { HOME: home, AWS_SHARED_CREDENTIALS_FILE: path });
    await waitFor(() => sessions.requests.length > before, 20_000);
    expect(await helper.stop()).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expect(readdirSync(home)).toEqual(['credentials']);
  });

  it('keeps running: retries transient failures, rewrites before expiry, exits 0 on SIGTERM', async () => {
    const home = tempDir('iamra-home-');
    mkdirSync(join(home, '.aws'), { mode: 0o700 });
    const path = join(home, '.aws', 'credentials');
    writeFileSync(path, ORIGINAL, { mode: 0o600 });
    sessions.lifetimeSeconds = 302;
    for (let i = 0; i < 3; i++) sessions.script.push({ status: 503, body: '{"message":"down"}' });
    const helper = spawnHelper(args(['--profile', 'other']), { HOME: home });
    try {
      await helper.waitForLine(/^iamra: update failed: CreateSession failed: HTTP 503: down .* Retrying in \d+ s\.$/);
      await helper.waitForLine(/^iamra: updated profile other in /, 30_000);
      const first = sessions.issued.at(-1)!.accessKeyId;
      expect(readFileSync(path, 'utf8')).toContain(`[other]\naws_access_key_id = ${first}\nregion = us-west-2\n`);
      await waitFor(() => sessions.issued.at(-1)!.accessKeyId !== first && readFileSync(path, 'utf8').includes(sessions.issued.at(-1)!.accessKeyId), 20_000);
      expect(readFileSync(path, 'utf8').startsWith(ORIGINAL.split('[other]')[0]!)).toBe(true);
    } finally {
      sessions.lifetimeSeconds = undefined;
      sessions.script.length = 0;
    }
    expect(await helper.stop()).toBe(0);
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
