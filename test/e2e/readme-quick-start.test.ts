// The README's quick start, run as typed (after its install line) with `iamra` on PATH: it must
// get credentials from the emulator, then see them refused once the certificate is revoked.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/ca-fixture.js';
import { IAMRA_BIN } from '../support/run-cli.js';

const README = join(import.meta.dirname, '../../README.md');

/** The quick start's shell block, without its first line (the install, done by npm test). */
function quickStartScript(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (block === undefined) throw new Error('README.md has no quick start shell block');
  const [install, ...rest] = block.split('\n');
  expect(install).toMatch(/^npm ci && npm run build && npm install -g \./);
  return rest.join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('README quick start', () => {
  it('runs as typed: credentials from the emulator, then the revocation is published', async () => {
    const dir = tempDir('iamra-quick-start-');
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'iamra'), `#!/bin/sh\nexec "${process.execPath}" "${IAMRA_BIN}" "$@"\n`);
    chmodSync(join(bin, 'iamra'), 0o755);
    // The README's fixed port, moved to a free one so parallel runs do not collide.
    const port = await freePort();
    const script = quickStartScript().replaceAll('8443', String(port));
    const refusedCheck = `\niamra credential-process --certificate ci.crt --private-key ci.key --trust-anchor-arn "$anchor" --profile-arn "$profile" --role-arn arn:aws:iam::123456789012:role/ci --endpoint http://127.0.0.1:${port} 2>refused.txt && exit 99 || true\n`;
    // Kill the emulator before the script's own `kill %1` line ends it, then check the refusal first.
    const [beforeKill, afterKill] = script.split(/^kill %1.*$/m);
    const result = spawnSync('bash', ['-e', '-c', `trap 'kill %1 2>/dev/null || true' EXIT\n${beforeKill}${refusedCheck}kill %1${afterKill ?? ''}`], {
      cwd: dir,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, IAMRA_CA_PASSPHRASE: 'quick start passphrase', IAMRA_CA_DIR: undefined, HOME: dir },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/"AccessKeyId":"ASIA/);
    expect(result.stdout).toMatch(/revoked [0-9a-f]+ \(CN=ci-runner-7/);
    expect(readFileSync(join(dir, 'refused.txt'), 'utf8')).toContain('Certificate revoked');
  }, 200_000);
});
