// Compiles dist/helper.js into a single-file executable with Bun (`bun build --compile`), for the
// host or a cross target. Bun looks for a cross target's runtime in its install cache as
// `bun-<os>-<arch>-v<version>` (BUN_INSTALL_CACHE_DIR) and downloads it from the npm registry when
// it is missing; we seed that cache with `npm pack` of the same @oven/bun-* package, so the build
// honours npm's registry, proxy and CA settings and works offline once cached.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/** Release target -> the suffix Bun and its npm packages use. */
export const TARGETS = {
  'linux-x64': { bun: 'linux-x64', exe: '' },
  'linux-arm64': { bun: 'linux-aarch64', exe: '' },
  'darwin-arm64': { bun: 'darwin-aarch64', exe: '' },
  'darwin-x64': { bun: 'darwin-x64', exe: '' },
  'windows-x64': { bun: 'windows-x64', exe: '.exe' },
};

export const HOST_TARGET = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;

/** The Bun binary of the host, from the `bun` devDependency's platform package. */
export function hostBun() {
  const suffix = TARGETS[HOST_TARGET]?.bun;
  if (!suffix) throw new Error(`no Bun runtime for this host (${HOST_TARGET})`);
  const pkg = require.resolve(`@oven/bun-${suffix}/package.json`, { paths: [ROOT] });
  const binary = join(dirname(pkg), 'bin', process.platform === 'win32' ? 'bun.exe' : 'bun');
  const version = JSON.parse(readFileSync(pkg, 'utf8')).version;
  if (existsSync(binary)) return { binary, version };
  // The bun package's postinstall, when npm runs it, moves that binary to bun/bin/bun.exe.
  const moved = join(dirname(require.resolve('bun/package.json', { paths: [ROOT] })), 'bin', 'bun.exe');
  if (existsSync(moved)) return { binary: moved, version };
  // Neither: fetch the same package into the runtime cache, as for a cross target.
  seedRuntime(HOST_TARGET, version);
  return { binary: join(BUN_CACHE_DIR, `bun-${suffix}-v${version}`), version };
}

export const BUN_CACHE_DIR = join(ROOT, 'node_modules', '.cache', 'iamra-bun');

/** Puts the target's runtime where `bun build --compile --target` looks, fetched with npm. */
export function seedRuntime(target, version) {
  const suffix = TARGETS[target].bun;
  const cached = join(BUN_CACHE_DIR, `bun-${suffix}-v${version}`);
  if (existsSync(cached)) return;
  mkdirSync(BUN_CACHE_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'iamra-bun-'));
  try {
    const name = execFileSync('npm', ['pack', `@oven/bun-${suffix}@${version}`, '--pack-destination', work, '--silent'], { encoding: 'utf8', shell: process.platform === 'win32' }).trim().split('\n').pop();
    execFileSync('tar', ['-xzf', join(work, name), '-C', work]);
    const binary = join(work, 'package', 'bin', TARGETS[target].exe ? 'bun.exe' : 'bun');
    copyFileSync(binary, `${cached}.partial`);
    chmodSync(`${cached}.partial`, 0o755);
    execFileSync(process.platform === 'win32' ? 'move' : 'mv', [`${cached}.partial`, cached], { shell: process.platform === 'win32' });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Compiles `entry` for `target` into `outfile`.
 * bytecode: precompiled JavaScriptCore bytecode (faster start, see docs/BENCHMARKS.md).
 */
export function compileHelper({ target = HOST_TARGET, outfile, entry = join(ROOT, 'dist', 'helper.js'), bytecode = true }) {
  const bun = hostBun();
  if (target !== HOST_TARGET) seedRuntime(target, bun.version);
  const args = ['build', entry, '--compile', '--minify', '--format=cjs', `--target=bun-${TARGETS[target].bun.replace('aarch64', 'arm64')}`, '--outfile', outfile];
  if (bytecode) args.push('--bytecode');
  execFileSync(bun.binary, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, BUN_INSTALL_CACHE_DIR: BUN_CACHE_DIR } });
}
