// describeFileError: errno codes become words for the one-line user message.
import { describe, expect, it } from 'vitest';
import { describeFileError } from './errors.js';

describe('describeFileError', () => {
  it.each([
    ['ENOENT', 'no such file'],
    ['EACCES', 'permission denied'],
    ['EPERM', 'permission denied'],
    ['EISDIR', 'it is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
    ['EMFILE', 'EMFILE'],
  ])('%s -> %s', (code, words) => {
    expect(describeFileError(Object.assign(new Error('raw text'), { code }))).toBe(words);
  });

  it('says "unreadable" for an error without a code, and never echoes the raw message', () => {
    expect(describeFileError(new Error('secret-looking raw text'))).toBe('unreadable');
    expect(describeFileError(undefined)).toBe('unreadable');
  });
});
