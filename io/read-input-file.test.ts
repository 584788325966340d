// The one input reader: one code and one wording for every failure, and no blocking on what is
// not a regular file (a FIFO without a writer would hang a plain readFileSync).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { readInputFile, readInputFileIfExists } from './read-input-file.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-read-'));
  writeFileSync(join(dir, 'small'), 'hello');
  writeFileSync(join(dir, 'big'), Buffer.alloc(2048));
  mkdirSync(join(dir, 'folder'));
  execFileSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync(join(dir, 'small'), join(dir, 'link'));
  writeFileSync(join(dir, 'locked'), 'x');
  chmodSync(join(dir, 'locked'), 0o000);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = { what: 'certificate', maxBytes: 1024 };

function failure(path: string): InputError {
  try {
    readInputFile(path, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`read ${path}`);
}

describe('readInputFile', () => {
  it('reads a regular file, also through a symlink', () => {
    expect(readInputFile(join(dir, 'small'), options).toString()).toBe('hello');
    expect(readInputFile(join(dir, 'link'), options).toString()).toBe('hello');
  });

  const isRoot = process.getuid?.() === 0;
  it.each([
    ['missing', 'nothing', 'no such file'],
    ['a directory', 'folder', 'it is a directory'],
    ['a FIFO (without blocking)', 'fifo', 'it is a named pipe, not a regular file'],
    ['over the cap', 'big', 'it is 2048 bytes, more than the 1024 bytes accepted'],
    ['under a file', 'small/x', 'a part of the path is not a directory'],
    ...(isRoot ? [] : [['unreadable', 'locked', 'permission denied'] as const]),
  ])('refuses %s with FILE_UNREADABLE and one wording', (_, name, why) => {
    const path = join(dir, name);
    const error = failure(path);
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.exitCode).toBe(3);
    expect(error.message).toBe(`cannot read certificate: ${why} (${path}). Check the path and its permissions.`);
  });

  it('refuses a character device', () => {
    expect(failure('/dev/zero').message).toBe('cannot read certificate: it is a device, not a regular file (/dev/zero). Check the path and its permissions.');
  });

  it('takes the advice from the caller', () => {
    expect(() => readInputFile(join(dir, 'nothing'), { ...options, todo: 'Check the CA directory' })).toThrow(/\. Check the CA directory\.$/);
  });
});

describe('readInputFileIfExists', () => {
  it('is undefined for a missing file and refuses the rest alike', () => {
    expect(readInputFileIfExists(join(dir, 'nothing'), options)).toBeUndefined();
    expect(readInputFileIfExists(join(dir, 'small'), options)?.toString()).toBe('hello');
    expect(() => readInputFileIfExists(join(dir, 'folder'), options)).toThrow(expect.objectContaining({ code: 'FILE_UNREADABLE' }));
  });
});
