// `npm run demo`, the README's main job: it runs the whole loop and leaves no process behind.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const DEMO = join(import.meta.dirname, '../../scripts/demo.sh');

/** Processes whose command line mentions `text` (the demo's emulator names its roles file in it). */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

describe('npm run demo', () => {
  const out = mkdtempSync(join(tmpdir(), 'iamra-demo-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('refuses the revoked certificate, keeps the other working, and stops its emulator', () => {
    const result = spawnSync('bash', [DEMO], { env: { ...process.env, IAMRA_DEMO_OUT: out }, encoding: 'utf8', timeout: 120_000 });
    expect(result.stderr + result.stdout).toContain('demo complete');
    expect(result.status).toBe(0);
    expect(readFileSync(join(out, 'refused.txt'), 'utf8')).toContain('Certificate revoked');
    expect(processesMentioning(join(out, 'roles.json'))).toEqual([]);
  });
});
