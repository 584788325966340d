// Rewriting one profile of the shared credentials file, including the official helper's edge
// bugs (official-helper.md §4.2): the last line of a last section, a header on the last line.
import { describe, expect, it } from 'vitest';
import { updateCredentialsProfile } from './credentials-file.js';

const creds = { accessKeyId: 'ASIANEW', secretAccessKey: 'new-secret', sessionToken: 'new-token', expiration: '2030-01-01T00:00:00Z' };
const KEYS = 'aws_access_key_id = ASIANEW\naws_secret_access_key = new-secret\naws_session_token = new-token';

describe('updateCredentialsProfile', () => {
  it('appends a missing profile after a blank line, to an empty or existing file', () => {
    expect(updateCredentialsProfile('', 'default', creds)).toBe(`[default]\n${KEYS}\n`);
    expect(updateCredentialsProfile('[a]\nx = 1\n', 'b', creds)).toBe(`[a]\nx = 1\n\n[b]\n${KEYS}\n`);
    expect(updateCredentialsProfile('[a]\nx = 1\n\n', 'b', creds)).toBe(`[a]\nx = 1\n\n[b]\n${KEYS}\n`);
  });

  it('keeps the last line of the last section (the official helper drops it)', () => {
    expect(updateCredentialsProfile('[p]\naws_access_key_id = OLD\nregion = eu-west-1\n', 'p', creds)).toBe(
      '[p]\naws_access_key_id = ASIANEW\nregion = eu-west-1\naws_secret_access_key = new-secret\naws_session_token = new-token\n',
    );
  });

  it('fills a header that is the last line instead of adding a second section', () => {
    expect(updateCredentialsProfile('[a]\nx = 1\n[p]', 'p', creds)).toBe(`[a]\nx = 1\n[p]\n${KEYS}`);
  });

  it('inserts before blank separators and comments of the next section stay put', () => {
    const input = '[p]\nregion = x\n\n# about q\n[q]\ny = 2\n';
    expect(updateCredentialsProfile(input, 'p', creds)).toBe(`[p]\nregion = x\n${KEYS}\n\n# about q\n[q]\ny = 2\n`);
  });

  it('replaces keys in place whatever their spacing or case, and drops duplicates', () => {
    const input = '[p]\n  AWS_ACCESS_KEY_ID=OLD\naws_session_token   =   t1\naws_session_token = t2\n# c\naws_secret_access_key = s\n';
    expect(updateCredentialsProfile(input, 'p', creds)).toBe('[p]\naws_access_key_id = ASIANEW\naws_session_token = new-token\n# c\naws_secret_access_key = new-secret\n');
  });

  it('matches the section name exactly, tolerating spaces inside the brackets and a trailing comment', () => {
    const input = '[pp]\na = 1\n[ p ] ; mine\nb = 2\n';
    expect(updateCredentialsProfile(input, 'p', creds)).toBe(`[pp]\na = 1\n[ p ] ; mine\nb = 2\n${KEYS}\n`);
  });

  it('keeps CRLF line endings and a missing final newline', () => {
    expect(updateCredentialsProfile('[a]\r\nx = 1\r\n', 'a', creds)).toBe(`[a]\r\nx = 1\r\n${KEYS.replace(/\n/g, '\r\n')}\r\n`);
    expect(updateCredentialsProfile('[a]\naws_access_key_id = o\naws_secret_access_key = o\naws_session_token = o', 'a', creds)).toBe(`[a]\n${KEYS}`);
  });
});
