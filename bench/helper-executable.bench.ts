// Benchmark: the helper as a single-file executable, runtime by runtime, against the emulator on
// loopback over TLS: cold credential-process (no cache) and a --cache hit, wall and CPU time, peak
// RSS and file size, as ratios to `node -e 0` in the same run. Bun (with and without --bytecode)
// is compiled here; Node's single executable application needs postject and Deno needs its npm
// package (IAMRA_BENCH_POSTJECT / IAMRA_BENCH_DENO name them; rows are skipped without them).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { compileHelper, hostBun } from '../scripts/bun-compile.mjs';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../test/support/pki.js';
import { mean, measureProcess, median, type Sample } from './support/measure-process.js';

const RUNS = 20;
const ROOT = join(import.meta.dirname, '..');
const HELPER_JS = join(ROOT, 'dist/helper.js');

interface Runtime {
  label: string;
  /** The command and the arguments before the helper's own. */
  command: string;
  prefix: string[];
  sizeBytes: number;
  note: string;
}

function nodeSea(dir: string): Runtime | undefined {
  const postject = process.env.IAMRA_BENCH_POSTJECT ?? join(ROOT, 'node_modules/.bin/postject');
  if (!existsSync(postject)) return undefined;
  // Node 20's SEA main script has no dynamic import(): esbuild turns the helper's lazy imports into require().
  const main = join(dir, 'helper-sea.cjs');
  buildSync({ entryPoints: [HELPER_JS], outfile: main, platform: 'node', format: 'cjs', bundle: true, supported: { 'dynamic-import': false }, logLevel: 'error' });
  const config = join(dir, 'sea-config.json');
  writeFileSync(config, JSON.stringify({ main, output: join(dir, 'sea.blob'), disableExperimentalSEAWarning: true, useCodeCache: true }));
  execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'ignore' });
  const binary = join(dir, 'helper-sea');
  copyFileSync(process.execPath, binary);
  execFileSync(postject, [binary, 'NODE_SEA_BLOB', join(dir, 'sea.blob'), '--sentinel-fuse', 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2'], { stdio: 'ignore' });
  return { label: `Node ${process.version} SEA (code cache)`, command: binary, prefix: [], sizeBytes: statSync(binary).size, note: 'no cross-compilation: needs the Node binary of each target' };
}

function deno(dir: string): Runtime | undefined {
  const binary = process.env.IAMRA_BENCH_DENO;
  if (!binary || !existsSync(binary)) return undefined;
  const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).split(' ')[1];
  const script = join(dir, 'helper-deno.cjs');
  copyFileSync(HELPER_JS, script);
  return { label: `Deno ${version} run (no compile)`, command: binary, prefix: ['run', '-A', '--no-config', script], sizeBytes: statSync(binary).size, note: '`deno compile` fetches its runtime (denort) from dl.deno.land, unreachable here: `deno run` of the bundle stands in' };
}

function runtimes(dir: string): Runtime[] {
  const bun = hostBun();
  const list: Runtime[] = [{ label: `Node ${process.version}, dist/helper.js`, command: process.execPath, prefix: [join(ROOT, 'dist/iamra.js')], sizeBytes: statSync(process.execPath).size + statSync(HELPER_JS).size, note: 'needs Node installed (size: node binary + bundle)' }];
  for (const bytecode of [true, false]) {
    const outfile = join(dir, `helper-bun${bytecode ? '-bytecode' : ''}`);
    compileHelper({ outfile, bytecode });
    list.push({ label: `Bun ${bun.version} compile${bytecode ? ' --bytecode' : ''}`, command: outfile, prefix: [], sizeBytes: statSync(outfile).size, note: bytecode ? 'shipped by `npm run package`' : '' });
  }
  const sea = nodeSea(dir);
  if (sea) list.push(sea);
  const denoRuntime = deno(dir);
  if (denoRuntime) list.push(denoRuntime);
  return list;
}

export default async function bench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-exe-'));
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const leaf = await issueTestCertificate(root, { subject: 'CN=bench,O=iamra', keyType: 'ec-p256' });
  const files = writeIdentity(dir, 'leaf', leaf);
  const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], tls: true });
  try {
    const env = { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), AWS_CA_BUNDLE: fixture.emulator.caCertPath };
    const args = ['credential-process', '--certificate', files.certPath, '--private-key', files.keyPath, '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url];
    const list = runtimes(dir);
    const cases: Array<{ name: string; command: string; args: string[] }> = [{ name: 'baseline', command: process.execPath, args: ['-e', '0'] }];
    list.forEach((r, i) => {
      cases.push({ name: `${i}-cold`, command: r.command, args: [...r.prefix, ...args] });
      cases.push({ name: `${i}-warm`, command: r.command, args: [...r.prefix, ...args, '--cache'] });
    });
    for (const c of cases) await measureProcess(c.command, c.args, env);
    const samples = new Map<string, Sample[]>(cases.map((c) => [c.name, []]));
    // Interleaved, so drift on the shared machine hits every case alike.
    for (let run = 0; run < RUNS; run++) for (const c of cases) samples.get(c.name)!.push(await measureProcess(c.command, c.args, env));
    const wall = (name: string) => median(samples.get(name)!.map((s) => s.wallMs));
    // /usr/bin/time reports CPU in 10 ms steps: the mean of the runs resolves finer than their median.
    const cpu = (name: string) => mean(samples.get(name)!.map((s) => s.cpuMs));
    const rss = (name: string) => median(samples.get(name)!.map((s) => s.maxRssKb));
    const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}x`;
    const rows = list.map((r, i) => {
      const [cold, warm] = [`${i}-cold`, `${i}-warm`];
      return `| ${r.label} | ${ratio(wall(cold), wall('baseline'))} | ${ratio(wall(warm), wall('baseline'))} | ${ratio(cpu(cold), cpu('baseline'))} | ${ratio(cpu(warm), cpu('baseline'))} | ${(rss(cold) / 1024).toFixed(0)} MiB | ${(r.sizeBytes / 2 ** 20).toFixed(0)} MiB | ${r.note} |`;
    });
    return [
      '## helper-executable',
      '',
      `The helper (\`credential-process\`, EC P-256 key, PEM files) on each candidate runtime against the emulator on loopback over TLS, medians of ${RUNS} interleaved runs, as ratios to \`node -e 0\` in the same run (same environment). Cold = no cache (key, signing, TLS, CreateSession); warm = \`--cache\` hit. Targets for the shipped executable (issue 10): cold <= 0.35x, cache hit <= 0.2x (AWS's Go helper v1.4.0 took 15-16 ms cold here, about 0.32x).`,
      '',
      '| runtime | cold wall | warm wall | cold CPU | warm CPU | peak RSS (cold) | size | note |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Baseline \`node -e 0\`: ${wall('baseline').toFixed(0)} ms wall, ${cpu('baseline').toFixed(0)} ms CPU, ${(rss('baseline') / 1024).toFixed(0)} MiB peak RSS; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores during the run.`,
    ].join('\n');
  } finally {
    await fixture.stop();
  }
}
