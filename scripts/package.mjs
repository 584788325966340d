// `npm run package`: builds dist/helper.js, then the helper as single-file executables
// (dist/bin/iamra-helper-<os>-<arch>[.exe]) with Bun, each with a sha256sum-format .sha256 file.
// Usage: node scripts/package.mjs [--targets linux-x64,darwin-arm64] [--no-build]
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { compileHelper, TARGETS } from './bun-compile.mjs';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
export const BIN_DIR = join(ROOT, 'dist', 'bin');

export function executablePath(target) {
  return join(BIN_DIR, `iamra-helper-${target}${TARGETS[target].exe}`);
}

/** Compiles one target and writes `<sha256>  <name>` beside it. */
export function packageTarget(target) {
  const outfile = executablePath(target);
  mkdirSync(BIN_DIR, { recursive: true });
  compileHelper({ target, outfile });
  const digest = createHash('sha256').update(readFileSync(outfile)).digest('hex');
  writeFileSync(`${outfile}.sha256`, `${digest}  ${basename(outfile)}\n`);
  return { outfile, digest };
}

function parseTargets(argv) {
  const at = argv.indexOf('--targets');
  if (at < 0) return Object.keys(TARGETS);
  const targets = (argv[at + 1] ?? '').split(',').filter(Boolean);
  for (const t of targets) if (!TARGETS[t]) throw new Error(`unknown target ${t}; known: ${Object.keys(TARGETS).join(', ')}`);
  return targets;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const argv = process.argv.slice(2);
  const targets = parseTargets(argv);
  if (!argv.includes('--no-build')) execFileSync(process.execPath, [join(ROOT, 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  for (const target of targets) {
    const started = Date.now();
    const { outfile, digest } = packageTarget(target);
    process.stderr.write(`${basename(outfile)}  ${digest}  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
}
