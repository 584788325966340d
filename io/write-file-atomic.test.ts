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

describe('issue 9: no second name for a new file; stale temporaries', () => {
  it('a new file is created exclusively at its final path (no temporary file holds its bytes)', (context) => {
    if (spawnSync('strace', ['-V']).status !== 0) return context.skip();
    const script = join(dir, 'write.ts');
    writeFileSync(script, `import { writeFileAtomic } from ${JSON.stringify(join(import.meta.dirname, 'write-file-atomic.ts'))};
      writeFileAtomic(${JSON.stringify(join(dir, 'k'))}, 'key', { mode: 0o600, replace: false });`);
    const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
    const run = spawnSync('strace', ['-f', '-qq', '-e', 'trace=openat,link,linkat,rename,renameat2', tsx, script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    // What the write creates or names: openat with O_CREAT, and any link or rename.
    const touching = run.stderr.split('\n').filter((l) => l.includes(dir) && (l.includes('O_CREAT') || /link|rename/.test(l)));
    const paths = [...new Set(touching.flatMap((l) => [...l.matchAll(/"([^"]+)"/g)].map((m) => m[1]!)))].filter((p) => p.startsWith(dir) && p !== dir);
    expect(paths).toEqual([join(dir, 'k')]);
    expect(touching.some((l) => /link|rename/.test(l))).toBe(false);
  });

  it('a replacement removes temporaries that a killed process left for the same target', () => {
    const gone = spawnSync('true').pid!;
    writeFileSync(join(dir, `.f.${gone}.0123456789ab.tmp`), 'left by a killed writer');
    writeFileSync(join(dir, `.g.${gone}.0123456789ab.tmp`), 'another target');
    writeFileSync(join(dir, `.f.${process.pid}.0123456789ab.tmp`), 'a live writer');
    writeFileAtomic(join(dir, 'f'), 'new', { mode: 0o600, replace: true });
    expect(entries()).toEqual([`.f.${process.pid}.0123456789ab.tmp`, `.g.${gone}.0123456789ab.tmp`, 'f']);
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
