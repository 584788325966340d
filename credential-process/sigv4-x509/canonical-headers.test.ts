// Known answers for canonical headers and SignedHeaders (SigV4 "canonical request", roles-anywhere.md
// §1.4 step 1). Expected strings are written out by hand from the spec's rules (lower-case names,
// sorted; values trimmed, runs of spaces collapsed; repeated values comma-joined in order) and the
// spec's own example; where @smithy/signature-v4 applies the same rule it is a second opinion.
import { getCanonicalHeaders } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { canonicalHeaders, type HeaderValues } from './canonical-headers.js';

const cases: Array<{ name: string; headers: HeaderValues; names?: string[]; canonical: string; signedHeaders: string; smithy?: boolean }> = [
  {
    name: 'the spec example: mixed case, unsorted, inner and outer spaces, quoted value',
    headers: {
      Host: 'iam.amazonaws.com',
      'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
      'My-header1': '    a   b   c  ',
      'X-Amz-Date': '20150830T123600Z',
      'My-Header2': '    "a   b   c"  ',
    },
    canonical:
      'content-type:application/x-www-form-urlencoded; charset=utf-8\n' +
      'host:iam.amazonaws.com\n' +
      'my-header1:a b c\n' +
      'my-header2:"a b c"\n' +
      'x-amz-date:20150830T123600Z\n',
    signedHeaders: 'content-type;host;my-header1;my-header2;x-amz-date',
    smithy: true,
  },
  {
    name: 'repeated header: values comma-joined in the order sent, not sorted',
    headers: { host: 'example.amazonaws.com', 'my-header1': ['value4', 'value1', 'value3', 'value2'] },
    canonical: 'host:example.amazonaws.com\nmy-header1:value4,value1,value3,value2\n',
    signedHeaders: 'host;my-header1',
  },
  {
    name: 'repeated header with duplicates and padding: each value trimmed, duplicates kept',
    headers: { 'my-header1': [' value2', 'value2 ', '  value1  '] },
    canonical: 'my-header1:value2,value2,value1\n',
    signedHeaders: 'my-header1',
  },
  {
    name: 'multi-line value sent as continuation lines: one value per line, comma-joined',
    headers: { 'My-Header1': ['value1', '  value2', '     value3'] },
    canonical: 'my-header1:value1,value2,value3\n',
    signedHeaders: 'my-header1',
  },
  {
    name: 'leading and trailing tabs and line ends are trimmed',
    headers: { 'x-test': '\tvalue \r\n' },
    canonical: 'x-test:value\n',
    signedHeaders: 'x-test',
  },
  {
    name: 'an empty value stays, with its colon',
    headers: { 'x-empty': '', host: 'h' },
    canonical: 'host:h\nx-empty:\n',
    signedHeaders: 'host;x-empty',
    smithy: true,
  },
  {
    name: 'the headers the official helper never signs are left out',
    headers: { Authorization: 'x', 'User-Agent': 'ua', 'X-Amzn-Trace-Id': 't', host: 'h', 'x-amz-date': '20240101T000000Z' },
    canonical: 'host:h\nx-amz-date:20240101T000000Z\n',
    signedHeaders: 'host;x-amz-date',
  },
  {
    name: 'a Roles Anywhere CreateSession header set, sorted by code point (x-amz-x509 before x-amz-x509-chain)',
    headers: { 'X-Amz-X509-Chain': 'MIIB,MIIC', 'X-Amz-X509': 'MIIA', 'Content-Type': 'application/json', 'X-Amz-Date': '20240101T000000Z', Host: 'rolesanywhere.us-east-1.amazonaws.com' },
    canonical:
      'content-type:application/json\nhost:rolesanywhere.us-east-1.amazonaws.com\nx-amz-date:20240101T000000Z\nx-amz-x509:MIIA\nx-amz-x509-chain:MIIB,MIIC\n',
    signedHeaders: 'content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain',
    smithy: true,
  },
  {
    name: 'a verifier rebuilds the claimed names: a listed name that is absent has an empty value',
    headers: { host: 'h', 'x-amz-date': 'd', 'x-extra': 'not signed' },
    names: ['X-Amz-Date', 'host', 'x-missing'],
    canonical: 'host:h\nx-amz-date:d\nx-missing:\n',
    signedHeaders: 'host;x-amz-date;x-missing',
  },
];

describe('canonicalHeaders', () => {
  it.each(cases)('$name', ({ headers, names, canonical, signedHeaders }) => {
    expect(canonicalHeaders(headers, names)).toEqual({ canonical, signedHeaders });
  });

  it.each(cases.filter((c) => c.smithy))('agrees with @smithy/signature-v4: $name', ({ headers, canonical }) => {
    const request: Parameters<typeof getCanonicalHeaders>[0] = { method: 'GET', protocol: 'https:', hostname: 'h', path: '/', query: {}, headers: headers as Record<string, string> };
    const bag = getCanonicalHeaders(request);
    const smithy = Object.keys(bag).sort().map((name) => `${name}:${bag[name]}\n`).join('');
    expect(smithy).toBe(canonical);
  });
});
