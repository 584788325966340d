// Known answers for the credential scope and the string to sign (roles-anywhere.md §1.4 step 2).
// The canonical request is the SigV4 suite's "get-vanilla" request; its SHA-256 is checked both
// against the published value and against node:crypto over the hand-written text.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ALGORITHM_ECDSA, ALGORITHM_RSA } from './constants.js';
import { credentialScope, stringToSign } from './string-to-sign.js';

const GET_VANILLA = 'GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const GET_VANILLA_HASH = 'bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63';

describe('credentialScope', () => {
  it.each([
    ['20150830', 'us-east-1', '20150830/us-east-1/rolesanywhere/aws4_request'],
    ['20240229', 'us-gov-west-1', '20240229/us-gov-west-1/rolesanywhere/aws4_request'],
    ['20251231', 'cn-north-1', '20251231/cn-north-1/rolesanywhere/aws4_request'],
  ])('%s %s', (date, region, expected) => {
    expect(credentialScope(date, region)).toBe(expected);
  });
});

describe('stringToSign', () => {
  it('hashes the canonical request as the published get-vanilla vector does', () => {
    expect(createHash('sha256').update(GET_VANILLA).digest('hex')).toBe(GET_VANILLA_HASH);
  });

  it.each([ALGORITHM_RSA, ALGORITHM_ECDSA])('writes four lines for %s', (algorithm) => {
    const scope = '20150830/us-east-1/rolesanywhere/aws4_request';
    expect(stringToSign({ algorithm, amzDate: '20150830T123600Z', scope, canonicalRequest: GET_VANILLA }))
      .toBe(`${algorithm}\n20150830T123600Z\n${scope}\n${GET_VANILLA_HASH}`);
  });

  it('hashes the UTF-8 bytes of the canonical request', () => {
    const text = 'POST\n/%25C3%25A9\n\nx-note:é\n\nx-note\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
    const hash = createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
    expect(stringToSign({ algorithm: ALGORITHM_RSA, amzDate: '20240101T000000Z', scope: 's', canonicalRequest: text }).split('\n')).toEqual([ALGORITHM_RSA, '20240101T000000Z', 's', hash]);
  });
});
