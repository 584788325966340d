// The helper under test: the Node build (`node dist/iamra.js`) or the single-file executable
// (dist/bin/iamra-helper-<os>-<arch>, built by test/support/build-executable.ts). The helper's
// end-to-end suite runs once per runner (vitest.config.ts projects set IAMRA_HELPER_RUNNER).
import { accessSync, constants, mkdtempSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { IAMRA_BIN } from './run-cli.js';

export type HelperRunnerName = 'node' | 'executable';

export interface HelperRunner {
  name: HelperRunnerName;
  /** The program and the arguments before the helper command. */
  command: string;
  prefix: string[];
  /** Changes to the child's environment: the executable runs with no `node` on PATH. */
  env: Record<string, string | undefined>;
}

const HOST = `${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
export const EXECUTABLE_PATH = join(import.meta.dirname, '../../dist/bin', `iamra-helper-${HOST}${process.platform === 'win32' ? '.exe' : ''}`);

function hasNode(dir: string): boolean {
  try {
    accessSync(join(dir, 'node'), constants.X_OK);
    return statSync(join(dir, 'node')).isFile();
  } catch {
    return false;
  }
}

const NODE_PROGRAMS = new Set(['node', 'nodejs', 'npm', 'npx', 'corepack']);

/** A copy of `dir` made of symlinks to everything in it but Node (so bash, python, aws stay). */
function mirrorWithoutNode(dir: string): string {
  const mirror = mkdtempSync(join(tmpdir(), 'iamra-path-without-node-'));
  for (const name of readdirSync(dir)) if (!NODE_PROGRAMS.has(name)) symlinkSync(join(dir, name), join(mirror, name));
  return mirror;
}

let withoutNode: string | undefined;

/** PATH with every directory holding a `node` binary replaced by a mirror without it. */
export function pathWithoutNode(path = process.env.PATH ?? ''): string {
  withoutNode ??= path.split(delimiter).filter((dir) => dir !== '').map((dir) => (hasNode(dir) ? mirrorWithoutNode(dir) : dir)).join(delimiter);
  return withoutNode;
}

export function helperRunner(name = (process.env.IAMRA_HELPER_RUNNER ?? 'node') as HelperRunnerName): HelperRunner {
  if (name === 'executable') return { name, command: EXECUTABLE_PATH, prefix: [], env: { PATH: pathWithoutNode() } };
  if (name !== 'node') throw new Error(`IAMRA_HELPER_RUNNER must be node or executable, not ${String(name)}`);
  return { name, command: process.execPath, prefix: [IAMRA_BIN], env: {} };
}

/** The argv of one helper invocation, program first. */
export function helperCommandLine(args: readonly string[], runner = helperRunner()): string[] {
  return [runner.command, ...runner.prefix, ...args];
}
