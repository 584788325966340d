// Known answers for the canonical query string (roles-anywhere.md §1.4 step 1): RFC 3986 encoding
// of names and values (all but A-Za-z0-9-_.~, upper-case hex, space as %20), sorted by encoded
// name, then by value. Expected strings are written out by hand; @smithy/signature-v4's
// getCanonicalQuery is a second opinion.
import { getCanonicalQuery } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, parseQueryString, type QueryParameters } from './canonical-query.js';
import { uriEncode } from './uri-encode.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0b5f5e5c-1111-4222-8333-444455556666';

const cases: Array<[name: string, parameters: QueryParameters, expected: string]> = [
  ['no parameters', [], ''],
  ['unsorted keys', [['Param2', 'value2'], ['Param1', 'value1']], 'Param1=value1&Param2=value2'],
  ['repeated key, values sorted', [['Param1', 'value2'], ['Param1', 'Value1']], 'Param1=Value1&Param1=value2'],
  ['upper case sorts before lower case (code points)', [['b', '1'], ['B', '2'], ['a', '3']], 'B=2&a=3&b=1'],
  ['empty value keeps its "="', [['flag', ''], ['a', 'b']], 'a=b&flag='],
  ['unreserved characters stay', [['k', 'AZaz09-_.~']], 'k=AZaz09-_.~'],
  ['space is %20, plus is %2B', [['k', 'a b+c']], 'k=a%20b%2Bc'],
  ['reserved characters are encoded, hex upper case', [['k', "/?#[]@!$&'()*+,;=:"]], "k=%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3A"],
  ['UTF-8 bytes are encoded', [['k', 'é€']], 'k=%C3%A9%E2%82%AC'],
  ['an encoded name sorts by its encoding', [['a b', '1'], ['a-b', '2'], ['a', '3']], 'a=3&a%20b=1&a-b=2'],
  ['the three CreateSession ARNs, as the official helper sends them', [
    ['trustAnchorArn', ANCHOR],
    ['roleArn', 'arn:aws:iam::123456789012:role/app'],
    ['profileArn', 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/1c6a6f6d-2222-4333-8444-555566667777'],
  ], 'profileArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Aprofile%2F1c6a6f6d-2222-4333-8444-555566667777&roleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp&trustAnchorArn=arn%3Aaws%3Arolesanywhere%3Aus-east-1%3A123456789012%3Atrust-anchor%2F0b5f5e5c-1111-4222-8333-444455556666'],
];

describe('canonicalQuery', () => {
  it.each(cases)('%s', (_, parameters, expected) => {
    expect(canonicalQuery(parameters)).toBe(expected);
  });

  it.each(cases)('agrees with @smithy/signature-v4: %s', (_, parameters, expected) => {
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of parameters) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    expect(getCanonicalQuery({ method: 'GET', protocol: 'https:', hostname: 'h', path: '/', headers: {}, query })).toBe(expected);
  });
});

describe('uriEncode', () => {
  it.each([
    ['', ''],
    ['abc', 'abc'],
    ['a b', 'a%20b'],
    ['~', '~'],
    ['*', '%2A'],
    ['%', '%25'],
    ['\u0000', '%00'],
    ['😀', '%F0%9F%98%80'],
  ])('%j -> %j', (text, expected) => {
    expect(uriEncode(text)).toBe(expected);
  });
});

describe('parseQueryString', () => {
  it.each([
    ['', []],
    ['a=1&b=2', [['a', '1'], ['b', '2']]],
    ['a=1&a=2', [['a', '1'], ['a', '2']]],
    ['flag', [['flag', '']]],
    ['k=a+b%20c', [['k', 'a b c']]],
    ['k=%3D%26', [['k', '=&']]],
    ['bad=%E0%A4%A', [['bad', '%E0%A4%A']]],
  ])('%j', (raw, expected) => {
    expect(parseQueryString(raw)).toEqual(expected);
  });
});
