// Benchmark: `iamra credential-process` wall time and peak memory against the emulator on loopback
// over TLS, cold (no cache: key load, signing, TLS, CreateSession) and warm (--cache hit), each as
// a ratio to a bare `node -e 0` measured in the same run with the same environment.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { measureNode as measure, median, type Sample } from './support/measure-process.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../test/support/pki.js';

const RUNS = 30;
const BIN = join(import.meta.dirname, '../dist/iamra.js');

export default async function bench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-helper-'));
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const leaf = await issueTestCertificate(root, { subject: 'CN=bench,O=iamra', keyType: 'ec-p256' });
  const files = writeIdentity(dir, 'leaf', leaf);
  const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], tls: true });
  try {
    const env = { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), AWS_CA_BUNDLE: fixture.emulator.caCertPath };
    const base = [BIN, 'credential-process', '--certificate', files.certPath, '--private-key', files.keyPath, '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url];
    const cases = { baseline: ['-e', '0'], cold: base, warm: [...base, '--cache'] };
    await measure(cases.warm, env);
    const samples: Record<keyof typeof cases, Sample[]> = { baseline: [], cold: [], warm: [] };
    // Interleaved, so drift on the shared machine hits every case alike.
    for (let i = 0; i < RUNS; i++) {
      for (const name of Object.keys(cases) as Array<keyof typeof cases>) samples[name].push(await measure(cases[name], env));
    }
    const wall = (name: keyof typeof cases) => median(samples[name].map((s) => s.wallMs));
    // /usr/bin/time reports CPU in 10 ms steps: the mean of the runs resolves finer than their median.
    const cpu = (name: keyof typeof cases) => samples[name].reduce((sum, s) => sum + s.cpuMs, 0) / samples[name].length;
    const rss = (name: keyof typeof cases) => median(samples[name].map((s) => s.maxRssKb));
    const row = (name: keyof typeof cases, label: string, target: string) =>
      `| ${label} | ${(wall(name) / wall('baseline')).toFixed(2)}x | ${(cpu(name) / cpu('baseline')).toFixed(2)}x | ${(rss(name) / rss('baseline')).toFixed(2)}x | ${target} |`;
    return [
      '## credential-process',
      '',
      `\`iamra credential-process\` (EC P-256 key, PEM files) against the emulator on loopback over TLS (AWS_CA_BUNDLE = its certificate), medians of ${RUNS} interleaved runs. Ratios are to \`node -e 0\` started the same way (same environment, NODE_EXTRA_CA_CERTS included); cold = no cache (reads and parses certificate and key, signs, TLS handshake, CreateSession); warm = \`--cache\` hit (reads the certificate and the cache file, no key, no network). The emulator runs in the benchmark's own process.`,
      '',
      '| case | wall time (median) | CPU time, user+sys (mean) | peak RSS (median) | target (wall) |',
      '|---|---|---|---|---|',
      row('cold', 'cold (no cache)', '<= 1.6x'),
      row('warm', 'warm (cache hit)', '<= 1.25x'),
      '',
      'The `iamra` entry and the helper bundle are CommonJS, so a helper start skips Node\'s ESM loader; the helper loads Node builtins only.',
      '',
      `Baseline \`node -e 0\`: ${wall('baseline').toFixed(0)} ms wall, ${cpu('baseline').toFixed(0)} ms CPU, ${(rss('baseline') / 1024).toFixed(0)} MiB peak RSS; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores during the run (other engineers share the machine, so wall times are noisy).`,
    ].join('\n');
  } finally {
    await fixture.stop();
  }
}
