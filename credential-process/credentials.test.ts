// The credential_process document (official-helper.md §2.5) and CreateSession response parsing (§2.4).
import { describe, expect, it } from 'vitest';
import { formatCredentialProcess, parseCreateSessionResponse } from './credentials.js';

const credentials = { accessKeyId: 'ASIAX', secretAccessKey: 's/+', sessionToken: 't"q', expiration: '2022-07-27T04:36:55Z' };

describe('credential_process output', () => {
  it('is one line in the official key order, Expiration passed through, no trailing newline', () => {
    expect(formatCredentialProcess(credentials)).toBe('{"Version":1,"AccessKeyId":"ASIAX","SecretAccessKey":"s/+","SessionToken":"t\\"q","Expiration":"2022-07-27T04:36:55Z"}');
  });
});

describe('parseCreateSessionResponse', () => {
  const body = (o: unknown) => Buffer.from(JSON.stringify(o));
  it('takes credentialSet[0].credentials', () => {
    expect(parseCreateSessionResponse(body({ credentialSet: [{ credentials }, { credentials: { ...credentials, accessKeyId: 'other' } }] }))).toEqual(credentials);
  });
  it('refuses an empty set, missing or empty fields, a bad expiration and non-JSON', () => {
    expect(parseCreateSessionResponse(body({ credentialSet: [] }))).toBeUndefined();
    expect(parseCreateSessionResponse(body({ credentialSet: [{ credentials: { ...credentials, sessionToken: '' } }] }))).toBeUndefined();
    expect(parseCreateSessionResponse(body({ credentialSet: [{ credentials: { ...credentials, expiration: 'soon' } }] }))).toBeUndefined();
    expect(parseCreateSessionResponse(Buffer.from('<html/>'))).toBeUndefined();
  });
});
