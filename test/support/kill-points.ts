// Test-only kill harness (issue 9): runs the built CLI under strace, lists the file-system steps it
// takes (openat, fsync, link, rename, unlink), then reruns it killed with SIGKILL on entry to each
// step (`-e inject=SYSCALL:signal=SIGKILL:when=N`). Only the main thread is traced (no -f): every
// synchronous file write of iamra runs there. Node 24 now and then makes one file call more or
// fewer at start-up, so the Nth call of a syscall is not always the same call: a step that touches
// a path that every run names alike is counted among that path's calls only (`-P PATH`), which is
// exact. Also scans a directory for key material, to prove that a kill never leaves a key outside
// its final path.
import { spawnSync } from 'node:child_process';
import { createPrivateKey } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { isEncryptedPkcs8Der } from '../../keys/load-private-key.js';
import { IAMRA_BIN } from './run-cli.js';

export const FILE_STEPS = ['openat', 'fsync', 'fdatasync', 'link', 'linkat', 'rename', 'renameat', 'renameat2', 'unlink', 'unlinkat'] as const;

export interface TracedCall {
  name: string;
  /** The call's text as strace printed it (arguments and result). */
  text: string;
  /** The paths the call names, as the command wrote them. */
  pathArgs: string[];
  /** For a call on a file descriptor (fsync), the path the descriptor was opened with. */
  fdPath?: string;
}

export interface KillPoint {
  syscall: string;
  /** 1-based: the Nth call of `syscall` in the run, or among the calls touching `path` when set. */
  when: number;
  /** What the call was in the untouched run, for failure messages. */
  text: string;
  /** A path the call touches that every run names alike: the count is taken over it (`-P`). */
  path?: string;
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

const FD_STEPS = new Set(['fsync', 'fdatasync']);
const PATH_STEPS = new Set<string>(FILE_STEPS.filter((s) => !FD_STEPS.has(s)));

/** The arguments part of a traced call's text: everything before its result. */
const argumentsOf = (text: string): string => text.replace(/\)\s+= .*$/, '');

/** The quoted strings among a call's arguments (strace prints paths in full, JSON-like quoted). */
function quotedStrings(args: string): string[] {
  return [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(["\\])/g, '$1'));
}

/**
 * A path as the kill points name it: one under the run's directory relative to it (the same in
 * every run directory), any other as written. `./x` stays `./x`, as strace compares paths as written.
 */
function pathKey(path: string, realCwd: string): string {
  return path.startsWith(`${realCwd}/`) ? path.slice(realCwd.length + 1) : path;
}

function parseCalls(log: string, cwd: string): TracedCall[] {
  const realCwd = realpathSync(cwd);
  const openedAs = new Map<number, string>();
  return log.split('\n').flatMap((line) => {
    const match = /^([a-z0-9_]+)\((.*)$/.exec(line);
    if (!match) return [];
    const name = match[1]!;
    const text = match[2]!;
    const args = argumentsOf(text);
    const pathArgs = PATH_STEPS.has(name) ? quotedStrings(args).map((p) => pathKey(p, realCwd)) : [];
    const call: TracedCall = { name, text, pathArgs };
    if (FD_STEPS.has(name)) call.fdPath = openedAs.get(Number(/^(\d+)/.exec(args)?.[1]));
    const fd = name === 'openat' && args.startsWith('AT_FDCWD') ? openedFd(call) : undefined;
    if (fd !== undefined) openedAs.set(fd, pathArgs[0]!);
    return [call];
  });
}

/** One untouched run, traced: its file steps plus `write` (to see when success is printed). */
export function traceRun(args: string[], options: RunOptions, log: string): { status: number | null; stdout: string; calls: TracedCall[] } {
  const run = strace(['-e', `trace=${[...FILE_STEPS, 'write'].join(',')}`, '-s', '64'], args, options, log);
  return { status: run.status, stdout: run.stdout, calls: parseCalls(run.log, options.cwd) };
}

const pathsOf = (call: TracedCall): string[] => [...call.pathArgs, ...(call.fdPath === undefined ? [] : [call.fdPath])];

/** The paths two untouched runs (in two directories) both named: not a random temporary name. */
export function stablePaths(a: readonly TracedCall[], b: readonly TracedCall[]): Set<string> {
  const inB = new Set(b.flatMap(pathsOf));
  return new Set(a.flatMap(pathsOf).filter((p) => inB.has(p)));
}

/** What strace's `-P` needs to select a path's calls in `cwd`: the path as written, and absolute. */
function pathSelection(path: string, cwd: string): string[] {
  return isAbsolute(path) ? ['-P', path] : ['-P', path, '-P', resolve(realpathSync(cwd), path)];
}

/**
 * The path strace's `-P` selects a call by: its first path argument (strace 6.1 does not select a
 * rename by its target), or the path a descriptor was opened on (strace reads the fd's link).
 */
const selectingPath = (call: TracedCall): string | undefined => (FD_STEPS.has(call.name) ? call.fdPath : call.pathArgs[0]);

/**
 * Every file step from the first one whose text holds `watched` (a path fragment) to `extraSteps`
 * after the last one: the steps of the writes under test (creating, fsyncing, renaming, and the
 * directory's fsync), and what follows them. A step on a path in `stable` is counted among that
 * path's calls; any other among all calls of its syscall.
 */
export function killPointsAround(calls: readonly TracedCall[], watched: string, stable: ReadonlySet<string>, extraSteps = 6): KillPoint[] {
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
    if (index < first || index > last) return;
    const text = `${call.name}(${call.text}`;
    const path = selectingPath(call);
    if (path === undefined || !stable.has(path)) {
      points.push({ syscall: call.name, when, text });
      return;
    }
    const sameOnPath = steps.slice(0, index + 1).filter((c) => c.name === call.name && selectingPath(c) === path);
    points.push({ syscall: call.name, when: sameOnPath.length, text, path });
  });
  return points;
}

/** The call strace saw last before the process was killed, or undefined if it was not killed. */
function killedCall(log: string, cwd: string): TracedCall | undefined {
  if (!log.includes('+++ killed by SIGKILL +++')) return undefined;
  return parseCalls(log, cwd).at(-1);
}

/** Whether the killed call is the step asked for: same syscall and, for a path step, same path. */
function isTheStep(killed: TracedCall, point: KillPoint): boolean {
  if (killed.name !== point.syscall) return false;
  return point.path === undefined || FD_STEPS.has(killed.name) || killed.pathArgs[0] === point.path;
}

/**
 * Runs the command killed on entry to the given step; says whether that step was the one killed.
 * A step counted over its path (`point.path`) is the same call in every run. One counted over all
 * calls of its syscall is too in almost every run, but not always under Node 24: `prepare` resets
 * the directory and the kill is tried again, up to `attempts` times.
 */
export function runKilledAt(args: string[], point: KillPoint, options: RunOptions, log: string, prepare: () => void = () => undefined, attempts = 5): { isKilled: boolean; stdout: string } {
  for (let attempt = 1; ; attempt++) {
    prepare();
    const selected = point.path === undefined ? [] : pathSelection(point.path, options.cwd);
    const run = strace([...selected, '-e', `trace=${point.syscall}`, '-e', `inject=${point.syscall}:signal=SIGKILL:when=${point.when}`], args, options, log);
    const killed = killedCall(run.log, options.cwd);
    const isKilled = killed !== undefined && isTheStep(killed, point);
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
