// The package as users install it: `npm pack`, then `npm install -g` of the tarball into a fresh
// prefix, and that prefix's `iamra credential-process` gets credentials from the emulator.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, iamra, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';

const ROOT = join(import.meta.dirname, '../..');

function npm(args: string[], cwd: string): string {
  // --ignore-scripts: dist/ is already built by npm test's pretest, and a prepack rebuild would
  // replace it under the other suites running now. The helper needs no native addon.
  const result = spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], { cwd, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

let dir: string;
let fixture: EmulatorFixture;

beforeAll(async () => {
  dir = tempDir('iamra-package-');
  const caDir = createCa(dir);
  fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(caDir, 'ca.crt'), 'utf8')] });
}, 240_000);
afterAll(() => fixture.stop());

describe('the packed package', () => {
  it('holds the built CLI and no sources, and installs as a working iamra command', async () => {
    npm(['pack', '--pack-destination', dir], ROOT);
    const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
    expect(tarball).toMatch(/^iamra-\d+\.\d+\.\d+\.tgz$/);
    const listing = spawnSync('tar', ['-tzf', join(dir, tarball!)], { encoding: 'utf8' }).stdout.split('\n');
    expect(listing).toContain('package/dist/iamra.js');
    expect(listing).toContain('package/dist/helper.js');
    expect(listing).toContain('package/dist/cli.mjs');
    expect(listing.filter((path) => path.endsWith('.ts'))).toEqual([]);

    const prefix = join(dir, 'prefix');
    npm(['install', '--global', '--prefix', prefix, join(dir, tarball!)], dir);
    const issued = iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=packaged', '--key-out', 'w.key', '--cert-out', 'w.crt']);
    expect(issued.status).toBe(0);
    // Asynchronously: the emulator answers from this process's event loop.
    const result = await promisify(execFile)(join(prefix, 'bin', 'iamra'), [
      'credential-process', '--certificate', join(dir, 'w.crt'), '--private-key', join(dir, 'w.key'),
      '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn,
      '--endpoint', fixture.emulator.url,
    ], { encoding: 'utf8', timeout: 60_000 });
    expect(result.stderr).toBe('');
    const credentials = JSON.parse(result.stdout) as { Version: number; AccessKeyId: string };
    expect(credentials.Version).toBe(1);
    expect(credentials.AccessKeyId).toMatch(/^ASIA/);
  }, 300_000);
});
