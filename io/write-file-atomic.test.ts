// The one atomic write: final mode, no replacing unless asked, and never a temporary file left,
// whatever step fails. fsync is observed with strace when it is installed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { writeFileAtomic } from './write-file-atomic.js';
import { writeNewFile } from './write-new-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entries = () => readdirSync(dir).sort();

describe('writeFileAtomic', () => {
  it('writes the bytes with the given mode and leaves only the target', () => {
    writeFileAtomic(join(dir, 'secret'), 'top secret', { mode: 0o600, replace: false });
    expect(readFileSync(join(dir, 'secret'), 'utf8')).toBe('top secret');
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
    expect(entries()).toEqual(['secret']);
  });

  it('replaces an existing file only when asked', () => {
    writeFileSync(join(dir, 'f'), 'old');
    expect(() => writeFileAtomic(join(dir, 'f'), 'new', { mode: 0o600, replace: false })).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('old');
    writeFileAtomic(join(dir, 'f'), Buffer.from('new'), { mode: 0o600, replace: true });
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('new');
    expect(entries()).toEqual(['f']);
  });

  it('removes the temporary file when publishing fails', () => {
    mkdirSync(join(dir, 'busy'));
    writeFileSync(join(dir, 'busy', 'x'), 'x');
    // rename(2) over a non-empty directory fails after the temporary file was written.
    expect(() => writeFileAtomic(join(dir, 'busy'), 'data', { mode: 0o600, replace: true })).toThrow();
    expect(entries()).toEqual(['busy']);
  });

  it('creates nothing when the directory is missing', () => {
    expect(() => writeFileAtomic(join(dir, 'no', 'f'), 'data', { mode: 0o600, replace: true })).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(entries()).toEqual([]);
  });

  it('fsyncs the file and the directory (strace)', (context) => {
    if (spawnSync('strace', ['-V']).status !== 0) return context.skip();
    const script = join(dir, 'write.ts');
    writeFileSync(script, `import { writeFileAtomic } from ${JSON.stringify(join(import.meta.dirname, 'write-file-atomic.ts'))};
      writeFileAtomic(${JSON.stringify(join(dir, 'f'))}, 'data', { mode: 0o600, replace: true });`);
    const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
    const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=fsync,rename,renameat,renameat2', tsx, script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const calls = run.stderr.split('\n').filter((l) => /fsync|rename/.test(l)).map((l) => l.replace(/^\[pid\s+\d+\]\s*/, '').replace(/\(.*/, ''));
    // tsx itself renames and fsyncs nothing; the write's own calls are the last three.
    expect(calls.slice(-3)).toEqual(['fsync', expect.stringMatching(/^rename/), 'fsync']);
  });
});

describe('writeNewFile', () => {
  it('words its two failures and names the path', () => {
    writeFileSync(join(dir, 'taken'), 'x');
    expect(() => writeNewFile(join(dir, 'taken'), 'y', 0o644)).toThrow(expect.objectContaining({ code: 'OUTPUT_EXISTS' }));
    const missing = join(dir, 'no', 'f');
    expect(() => writeNewFile(missing, 'y', 0o644)).toThrow(new InputError('OUTPUT_UNWRITABLE', `cannot write ${missing}: no such file. Check that the directory exists and is writable.`));
    expect(entries()).toEqual(['taken']);
  });
});
