// Test-only kill harness (issue 9): runs the built CLI under strace, lists the file-system steps it
// takes (openat, fsync, link, rename, unlink), then reruns it killed with SIGKILL on entry to each
// step (`-e inject=SYSCALL:signal=SIGKILL:when=N`), deterministically. Only the main thread is
// traced (no -f): every synchronous file write of iamra runs there. Also scans a directory for key
// material, to prove that a kill never leaves a key outside its final path.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isEncryptedPkcs8Der } from '../../keys/load-private-key.js';
import { IAMRA_BIN } from './run-cli.js';

export const FILE_STEPS = ['openat', 'fsync', 'fdatasync', 'link', 'linkat', 'rename', 'renameat', 'renameat2', 'unlink', 'unlinkat'] as const;

export interface TracedCall {
  name: string;
  /** The call's text as strace printed it (arguments and result). */
  text: string;
}

export interface KillPoint {
  syscall: string;
  /** 1-based: the Nth call of `syscall` in the run. */
  when: number;
  /** What the call was in the untouched run, for failure messages. */
  text: string;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  input?: string;
}

export const hasStrace = (): boolean => spawnSync('strace', ['-V']).status === 0;

function environment(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

function strace(straceArgs: string[], args: string[], options: RunOptions, log: string): { status: number | null; stdout: string; log: string } {
  const result = spawnSync('strace', ['-q', '-o', log, ...straceArgs, process.execPath, IAMRA_BIN, ...args], {
    cwd: options.cwd, env: environment(options.env), input: options.input ?? '', encoding: 'utf8', timeout: 120_000,
  });
  const text = readFileSync(log, 'utf8');
  rmSync(log, { force: true });
  return { status: result.status, stdout: result.stdout, log: text };
}

function parseCalls(log: string): TracedCall[] {
  return log.split('\n').flatMap((line) => {
    const match = /^([a-z0-9_]+)\((.*)$/.exec(line);
    return match ? [{ name: match[1]!, text: match[2]! }] : [];
  });
}

/** One untouched run, traced: its file steps plus `write` (to see when success is printed). */
export function traceRun(args: string[], options: RunOptions, log: string): { status: number | null; stdout: string; calls: TracedCall[] } {
  const run = strace(['-e', `trace=${[...FILE_STEPS, 'write'].join(',')}`, '-s', '64'], args, options, log);
  return { status: run.status, stdout: run.stdout, calls: parseCalls(run.log) };
}

/**
 * Every file step from the first one whose text holds `watched` (a path fragment) to `extraSteps`
 * after the last one: the steps of the writes under test (creating, fsyncing, renaming, and the
 * directory's fsync), and what follows them.
 */
export function killPointsAround(calls: readonly TracedCall[], watched: string, extraSteps = 6): KillPoint[] {
  const steps = calls.filter((c) => c.name !== 'write');
  const first = steps.findIndex((c) => c.text.includes(watched));
  if (first < 0) throw new Error(`no file step touches ${watched}`);
  let last = first;
  steps.forEach((c, index) => {
    if (c.text.includes(watched)) last = index;
  });
  last += extraSteps;
  const seen = new Map<string, number>();
  const points: KillPoint[] = [];
  steps.forEach((call, index) => {
    const when = (seen.get(call.name) ?? 0) + 1;
    seen.set(call.name, when);
    if (index >= first && index <= last) points.push({ syscall: call.name, when, text: `${call.name}(${call.text}` });
  });
  return points;
}

/**
 * Runs the command killed on entry to the given step; says whether the kill happened. The Nth call
 * is the same in almost every run, but Node 24 now and then makes one call more or fewer before
 * it, and the run then ends untouched: `prepare` resets the directory and the kill is tried again,
 * up to `attempts` times.
 */
export function runKilledAt(args: string[], point: KillPoint, options: RunOptions, log: string, prepare: () => void = () => undefined, attempts = 3): { isKilled: boolean; stdout: string } {
  for (let attempt = 1; ; attempt++) {
    prepare();
    const run = strace(['-e', `trace=${point.syscall}`, '-e', `inject=${point.syscall}:signal=SIGKILL:when=${point.when}`], args, options, log);
    const isKilled = run.log.includes('+++ killed by SIGKILL +++');
    if (isKilled || attempt >= attempts) return { isKilled, stdout: run.stdout };
  }
}

const PEM_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

// OID 1.2.840.113549.1.7.1 (pkcs7-data), the content type of a PKCS#12 file's authSafe.
const PKCS7_DATA_OID = Buffer.from('06092a864886f70d010701', 'hex');

/** Whether the bytes hold a private key: a PEM key block, DER PKCS#8 (plain or encrypted) or PKCS#12. */
export function holdsKeyMaterial(data: Buffer): boolean {
  if (PEM_KEY.test(data.toString('latin1'))) return true;
  if (isEncryptedPkcs8Der(data)) return true;
  if (data[0] === 0x30 && data.subarray(0, 64).includes(PKCS7_DATA_OID)) return true;
  try {
    createPrivateKey({ key: data, format: 'der', type: 'pkcs8' });
    return true;
  } catch {
    return false;
  }
}

/** Files under `dir` (recursively) that hold key material, as paths relative to `dir`, sorted. */
export function filesWithKeyMaterial(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current)) {
      const path = join(current, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && holdsKeyMaterial(readFileSync(path))) found.push(relative(dir, path));
    }
  };
  walk(dir);
  return found.sort();
}

/** Index in `calls` of the first call matching `predicate` at or after `from`; -1 if none. */
export function indexOfCall(calls: readonly TracedCall[], from: number, predicate: (call: TracedCall) => boolean): number {
  for (let i = Math.max(0, from); i < calls.length; i++) if (predicate(calls[i]!)) return i;
  return -1;
}

/** The fd an openat returned ("... = 18"), or undefined when it failed. */
export function openedFd(call: TracedCall): number | undefined {
  const match = /= (\d+)$/.exec(call.text.trim());
  return match ? Number(match[1]) : undefined;
}
