// Issue #5, the watcher: `iamra crl publish --watch --interval 2s` publishes a revocation made
// without --publish within one interval, logs one line per action, and stops on SIGTERM with 0.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError } from '../support/ca-fixture.js';
import { AWS_ENV, eventually, startPublishFixture, type PublishFixture } from '../support/publish-fixture.js';
import { startCountingProxy } from '../support/counting-proxy.js';
import { IAMRA_BIN } from '../support/run-cli.js';

let f: PublishFixture;
let serials: Record<string, string> = {};

beforeAll(async () => {
  f = await startPublishFixture();
  serials = { carol: await f.issue('carol'), dave: await f.issue('dave') };
});

afterAll(() => f.stop());

interface Watcher {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

function startWatcher(args: string[]): Watcher {
  const child = spawn(process.execPath, [IAMRA_BIN, 'crl', 'publish', '--ca', 'ca', '--watch', ...args], { cwd: f.dir, env: { ...process.env, ...AWS_ENV } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

const LINE = /^iamra: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /;

describe('crl publish --watch', () => {
  it('refuses an interval without --watch, before anything', async () => {
    const before = dumpDatabase(f.caDir);
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint, '--interval', '2s']);
    expect(expectUserError(result, 2)).toBe('iamra: invalid --interval: it only applies with --watch. Add --watch, or drop --interval.');
    expect(dumpDatabase(f.caDir)).toBe(before);
    expect(f.proxy.requests).toEqual([]);
  });

  it('refuses a renewal margin shorter than the interval', async () => {
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--watch', '--interval', '1h', '--renew-before', '30m']);
    expect(expectUserError(result, 2)).toMatch(/^iamra: invalid --renew-before: 30m is not longer than --interval 1h/);
  });

  it('publishes a revocation made without --publish within one interval, then stops on SIGTERM with 0', async () => {
    const watcher = startWatcher(['--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint, '--interval', '2s']);
    try {
      expect(await eventually(async () => watcher.stderr().includes(' publish CRL 1: imported '), 20_000)).toBe(true);
      expect((await f.credentials('carol')).status).toBe(0);
      const revoked = await f.iamra(['revoke', '--ca', 'ca', serials.carol!]);
      expect(revoked.status).toBe(0);
      const isRefused = await eventually(async () => (await f.credentials('carol')).status === 1, 10_000);
      expect(isRefused).toBe(true);
      expect((await f.credentials('carol')).stderr).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked /);
      expect((await f.credentials('dave')).status).toBe(0);
      expect(watcher.stderr()).toMatch(/ publish CRL 2: updated \([0-9a-f-]{36}\); signed a new CRL: the revoked set changed\n/);
    } finally {
      watcher.child.kill('SIGTERM');
    }
    expect(await watcher.exited).toBe(0);
    const lines = watcher.stderr().trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(LINE);
    expect(lines[0]).toMatch(/ watch: publishing to arn:aws:rolesanywhere:\S+ every 2s$/);
    expect(lines.at(-1)).toMatch(/ stop: SIGTERM, exiting$/);
    expect(f.proxy.count('POST', /^\/crls$/)).toBe(1);
    expect(f.proxy.count('PATCH', /^\/crl\//)).toBe(1);
  });

  it('backs off and keeps running while the service is unreachable, and stops on SIGINT', async () => {
    const watcher = startWatcher(['--endpoint', 'http://127.0.0.1:9', '--interval', '2s']);
    expect(await eventually(async () => (watcher.stderr().match(/ publish failed: /g) ?? []).length >= 2, 20_000)).toBe(true);
    watcher.child.kill('SIGINT');
    expect(await watcher.exited).toBe(0);
    expect(watcher.stderr()).toMatch(/publish failed: GetCrl failed: cannot reach the service: ECONNREFUSED \(http:\/\/127\.0\.0\.1:9\)\. Check the network and --endpoint, then retry\. Retrying in \d+\.\ds\.\n/);
    expect(watcher.stderr()).toMatch(/ stop: SIGINT, exiting\n$/);
  });

  it('backs off on throttling (ThrottlingException after the SDK\'s own retries) and recovers', async () => {
    const throttling = await startCountingProxy(f.fixture.emulator.url, { throttleFirst: 4 });
    try {
      const watcher = startWatcher(['--endpoint', throttling.url, '--interval', '2s']);
      expect(await eventually(async () => / publish CRL 2: unchanged /.test(watcher.stderr()), 20_000)).toBe(true);
      watcher.child.kill('SIGTERM');
      expect(await watcher.exited).toBe(0);
      const lines = watcher.stderr().split('\n');
      expect(lines[1]).toMatch(/^iamra: \S+ publish failed: GetCrl throttled: ThrottlingException: Rate exceeded \(http:\/\/127\.0\.0\.1:\d+\)\. Retry later; the CRL APIs allow about 1 call per second per account\. Retrying in (0\.[5-9]|1\.0)s\.$/);
      expect(lines[2]).toMatch(/ publish CRL 2: unchanged /);
      expect(throttling.count('GET', /^\/crl\//)).toBeGreaterThanOrEqual(5);
    } finally {
      await throttling.stop();
    }
  });
});
