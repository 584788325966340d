// describeFileError (errno codes in words, never the raw code) and errorReport (what reaches stderr, and the exit code).
import { describe, expect, it } from 'vitest';
import { describeFileError, errorReport, InputError, RefusedError } from './errors.js';

describe('describeFileError', () => {
  it.each([
    ['ENOENT', 'no such file'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['EMFILE', 'too many open files'],
    ['ENOSPC', 'no space left on the device'],
    ['ENXIO', 'nothing is attached to it (a socket or a missing device)'],
    ['EWHATEVER', 'the system refused it'],
  ])('%s -> %s', (code, words) => {
    expect(describeFileError(Object.assign(new Error('raw text'), { code }))).toBe(words);
  });

  it('says "unreadable" for an error without a code, and never echoes the raw message', () => {
    expect(describeFileError(new Error('secret-looking raw text'))).toBe('unreadable');
    expect(describeFileError(undefined)).toBe('unreadable');
  });
});

describe('errorReport', () => {
  const cause = Object.assign(new Error('low-level cause'), { stack: 'Error: low-level cause\n    at inner (x.js:1:1)' });

  it('gives an IamraError one line and its exit code; the cause only with --debug', () => {
    const error = new InputError('X', 'cannot read a: why (in). Do this.', { cause });
    expect(errorReport(error, false)).toEqual({ lines: ['iamra: cannot read a: why (in). Do this.'], exitCode: 3 });
    expect(errorReport(error, true)).toEqual({ lines: ['iamra: cannot read a: why (in). Do this.', cause.stack], exitCode: 3 });
    expect(errorReport(new RefusedError('Y', 'refused: no.'), true)).toEqual({ lines: ['iamra: refused: no.'], exitCode: 1 });
  });

  it('calls anything else an internal error (exit 70), with the stack only under --debug', () => {
    const bug = Object.assign(new TypeError('boom'), { stack: 'TypeError: boom\n    at f (y.js:2:2)' });
    expect(errorReport(bug, false)).toEqual({ lines: ['iamra: internal error: boom (run with --debug for details)'], exitCode: 70 });
    expect(errorReport(bug, true)).toEqual({ lines: ['iamra: internal error: boom', bug.stack], exitCode: 70 });
    expect(errorReport('thrown text', false)).toEqual({ lines: ['iamra: internal error: thrown text (run with --debug for details)'], exitCode: 70 });
  });
});
