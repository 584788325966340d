// Known answers for the Authorization header (roles-anywhere.md §1.4 step 4):
// `ALGORITHM Credential=SERIAL/SCOPE, SignedHeaders=..., Signature=...`, written and read back.
import { describe, expect, it } from 'vitest';
import { authorizationHeader, parseAuthorizationHeader, type AuthorizationFields } from './authorization-header.js';

const FIELDS: AuthorizationFields = {
  algorithm: 'AWS4-X509-ECDSA-SHA256',
  serialDecimal: '340282366920938463463374607431768211455',
  scope: '20240101/us-east-1/rolesanywhere/aws4_request',
  signedHeaders: 'content-type;host;x-amz-date;x-amz-x509',
  signature: '3045022100ab',
};
const HEADER =
  'AWS4-X509-ECDSA-SHA256 Credential=340282366920938463463374607431768211455/20240101/us-east-1/rolesanywhere/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=3045022100ab';

describe('authorizationHeader', () => {
  it('writes the X.509 form', () => {
    expect(authorizationHeader(FIELDS)).toBe(HEADER);
  });

  it('writes an RSA header with a small serial', () => {
    expect(authorizationHeader({ ...FIELDS, algorithm: 'AWS4-X509-RSA-SHA256', serialDecimal: '4098' })).toBe(HEADER.replace('AWS4-X509-ECDSA-SHA256', 'AWS4-X509-RSA-SHA256').replace(FIELDS.serialDecimal, '4098'));
  });
});

describe('parseAuthorizationHeader', () => {
  it.each([
    ['the written form', HEADER],
    ['extra spaces around parts', HEADER.replace(' Credential=', '   Credential=').replace(', SignedHeaders=', ' ,  SignedHeaders=')],
    ['no space after the commas', HEADER.replace(/, /g, ',')],
    ['fields in another order', `AWS4-X509-ECDSA-SHA256 Signature=3045022100ab, SignedHeaders=${FIELDS.signedHeaders}, Credential=${FIELDS.serialDecimal}/${FIELDS.scope}`],
  ])('reads %s', (_, header) => {
    expect(parseAuthorizationHeader(header)).toEqual(FIELDS);
  });

  it.each([
    ['empty', ''],
    ['only an algorithm', 'AWS4-X509-RSA-SHA256'],
    ['no signature', HEADER.replace(', Signature=3045022100ab', '')],
    ['no signed headers', HEADER.replace(/, SignedHeaders=[^,]*/, '')],
    ['a credential without scope', HEADER.replace(/Credential=[^,]*/, 'Credential=4098')],
    ['a credential starting with "/"', HEADER.replace(/Credential=\d+/, 'Credential=')],
    ['a part without "="', `${HEADER}, junk`],
  ])('refuses %s', (_, header) => {
    expect(parseAuthorizationHeader(header)).toBeUndefined();
  });
});
