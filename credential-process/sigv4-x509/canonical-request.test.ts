// Known answers for the canonical URI, the payload hash and the canonical request
// (roles-anywhere.md §1.4 step 1). Hashes are the FIPS 180-2 SHA-256 examples; the canonical
// requests are written out by hand from the spec's six lines.
import { describe, expect, it } from 'vitest';
import { canonicalRequest, canonicalUri, payloadHash } from './canonical-request.js';

describe('canonicalUri', () => {
  it.each([
    ['empty path', '', '/'],
    ['root', '/', '/'],
    ['the sessions path', '/sessions', '/sessions'],
    ['a gateway prefix', '/ra/sessions', '/ra/sessions'],
    ['a space, sent as %20, is encoded again', '/a%20b', '/a%2520b'],
    ['unreserved characters stay', '/AZaz09-_.~', '/AZaz09-_.~'],
    ['reserved characters in a segment are encoded', "/a:b@c!$'()*+,;=", "/a%3Ab%40c%21%24%27%28%29%2A%2B%2C%3B%3D"],
    ['UTF-8 sent percent-encoded is encoded again', '/%C3%A9', '/%25C3%25A9'],
    ['empty segments are kept (no normalisation)', '//a//', '//a//'],
  ])('%s: %j -> %j', (_, path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });
});

describe('payloadHash', () => {
  it.each([
    ['empty body', '', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['"abc"', 'abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['the 448-bit message', 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['bytes, not text', Buffer.from('616263', 'hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ])('%s', (_, body, expected) => {
    expect(payloadHash(body)).toBe(expected);
  });
});

describe('canonicalRequest', () => {
  it('joins the six parts with newlines; the header block ends in its own newline, so a blank line follows', () => {
    expect(canonicalRequest({
      method: 'get',
      path: '',
      canonicalQuery: '',
      canonicalHeaders: 'host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n',
      signedHeaders: 'host;x-amz-date',
      payloadHash: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    })).toBe('GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('writes a CreateSession request: query, X.509 headers, JSON body hash', () => {
    expect(canonicalRequest({
      method: 'POST',
      path: '/sessions',
      canonicalQuery: 'profileArn=p&roleArn=r&trustAnchorArn=t',
      canonicalHeaders: 'content-type:application/json\nhost:localhost\nx-amz-date:20240101T000000Z\nx-amz-x509:MIIA\n',
      signedHeaders: 'content-type;host;x-amz-date;x-amz-x509',
      payloadHash: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    })).toBe([
      'POST',
      '/sessions',
      'profileArn=p&roleArn=r&trustAnchorArn=t',
      'content-type:application/json',
      'host:localhost',
      'x-amz-date:20240101T000000Z',
      'x-amz-x509:MIIA',
      '',
      'content-type;host;x-amz-date;x-amz-x509',
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    ].join('\n'));
  });
});
