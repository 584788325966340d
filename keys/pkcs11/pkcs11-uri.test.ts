import { describe, expect, it } from 'vitest';
import { IamraError } from '../../errors.js';
import { formatPkcs11Uri, parsePkcs11Uri, redactPkcs11Uri, withModulePath, type Pkcs11Uri } from './pkcs11-uri.js';

// Valid URIs: the examples of RFC 7512 §3.3 and the shapes the official helper documents.
const VALID: Array<{ uri: string; expected: Pkcs11Uri }> = [
  { uri: 'pkcs11:', expected: {} },
  { uri: 'pkcs11:object=my-pubkey;type=public', expected: { object: 'my-pubkey', type: 'public' } },
  { uri: 'pkcs11:object=my-key;type=private?pin-source=file:/etc/token', expected: { object: 'my-key', type: 'private', pinSource: '/etc/token' } },
  { uri: 'pkcs11:object=my-key;type=private?pin-source=file:///etc/token', expected: { object: 'my-key', type: 'private', pinSource: '/etc/token' } },
  { uri: 'pkcs11:object=k?pin-source=relative/pin.txt', expected: { object: 'k', pinSource: 'relative/pin.txt' } },
  {
    uri: 'pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BD%EC%91;serial=',
    expected: { token: 'The Software PKCS#11 Softtoken', manufacturer: 'Snake Oil, Inc.', model: '1.0', object: 'my-certificate', type: 'cert', id: Buffer.from('69953e5cf4bdec91', 'hex'), serial: '' },
  },
  { uri: 'pkcs11:token=A%20name%20with%20a%20substring%20%25%3B;object=my-certificate;type=cert', expected: { token: 'A name with a substring %;', object: 'my-certificate', type: 'cert' } },
  { uri: 'pkcs11:token=Name%20with%20a%20small%20A%20with%20acute:%20%C3%A1;object=my-certificate;type=cert', expected: { token: 'Name with a small A with acute: á', object: 'my-certificate', type: 'cert' } },
  { uri: 'pkcs11:token=my-token;object=my-certificate;type=cert?pin-source=file:/etc/token_pin&x-vendor-bbb=value-b', expected: { token: 'my-token', object: 'my-certificate', type: 'cert', pinSource: '/etc/token_pin' } },
  { uri: 'pkcs11:token=credential-helper-test;object=rsa-2048?pin-value=1234', expected: { token: 'credential-helper-test', object: 'rsa-2048', pinValue: '1234' } },
  { uri: 'pkcs11:slot-id=5;id=%01?module-path=/usr/lib/softhsm/libsofthsm2.so', expected: { slotId: 5, id: Buffer.from([1]), modulePath: '/usr/lib/softhsm/libsofthsm2.so' } },
  { uri: 'PKCS11:Token=t;x-private=1', expected: { token: 't' } },
  { uri: 'pkcs11:id=ab', expected: { id: Buffer.from('ab', 'latin1') } },
];

describe('parsePkcs11Uri: valid', () => {
  for (const { uri, expected } of VALID) {
    it(uri, () => {
      expect(parsePkcs11Uri(uri)).toEqual(expected);
    });
  }
});

const INVALID: Array<{ uri: string; why: string }> = [
  { uri: 'file:key.pem', why: 'it does not start with pkcs11:' },
  { uri: 'pkcs11:token=a;token=b', why: '"token" appears more than once' },
  { uri: 'pkcs11:token', why: '"token" is not name=value' },
  { uri: 'pkcs11:=x', why: '"=x" is not name=value' },
  { uri: 'pkcs11:colour=red', why: 'unknown attribute "colour"' },
  { uri: 'pkcs11:token=my-token;vendor-aaa=value-a', why: 'unknown attribute "vendor-aaa"' },
  { uri: 'pkcs11:object=k?pin=1', why: 'unknown attribute "pin"' },
  { uri: 'pkcs11:token=%zz', why: 'bad percent-encoding in "%zz"' },
  { uri: 'pkcs11:token=abc%4', why: 'bad percent-encoding in "abc%4"' },
  { uri: 'pkcs11:token=%ff%fe', why: '"token" is not UTF-8' },
  { uri: 'pkcs11:slot-id=one', why: 'slot-id must be a decimal number, not "one"' },
  { uri: 'pkcs11:type=key', why: 'type must be one of private, public, cert, secret-key, data, not "key"' },
  { uri: 'pkcs11:object=k#frag', why: 'a fragment (#) is not allowed' },
  { uri: 'pkcs11:object=k?pin-source=file://host/pin', why: 'pin-source "file://host/pin" is not a local file: URI' },
  { uri: 'pkcs11:object=k?pin-value=1234&pin-source=/p', why: 'pin-value and pin-source cannot both be given' },
];

describe('parsePkcs11Uri: invalid', () => {
  for (const { uri, why } of INVALID) {
    it(uri, () => {
      let caught: unknown;
      try {
        parsePkcs11Uri(uri);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(IamraError);
      const error = caught as IamraError;
      expect(error.code).toBe('PKCS11_URI_INVALID');
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(why);
      expect(error.message).not.toContain('1234');
    });
  }
});

describe('redactPkcs11Uri', () => {
  it.each([
    ['pkcs11:object=k?pin-value=1234', 'pkcs11:object=k'],
    ['pkcs11:object=k?module-path=/m.so&pin-value=1234', 'pkcs11:object=k?module-path=/m.so'],
    ['pkcs11:object=k?PIN-VALUE=1234&module-path=/m.so', 'pkcs11:object=k?module-path=/m.so'],
    ['pkcs11:object=k', 'pkcs11:object=k'],
  ])('%s', (uri, shown) => {
    expect(redactPkcs11Uri(uri)).toBe(shown);
  });
});

describe('formatPkcs11Uri', () => {
  it('percent-encodes ids and reserved characters, and parses back to the same attributes', () => {
    const fields = { token: 'CA token; #1', object: 'ca key', id: Buffer.from('00ff10', 'hex'), type: 'private' as const, modulePath: '/usr/lib/softhsm/libsofthsm2.so' };
    const uri = formatPkcs11Uri(fields);
    expect(uri).toBe('pkcs11:token=CA%20token%3b%20%231;object=ca%20key;id=%00%ff%10;type=private?module-path=/usr/lib/softhsm/libsofthsm2.so');
    expect(parsePkcs11Uri(uri)).toEqual(fields);
  });
});

describe('withModulePath', () => {
  it.each([
    ['pkcs11:token=ca;object=k', '/usr/lib/softhsm/libsofthsm2.so', 'pkcs11:token=ca;object=k?module-path=/usr/lib/softhsm/libsofthsm2.so'],
    ['pkcs11:token=ca;object=k?pin-source=/etc/pin', '/lib/p11.so', 'pkcs11:token=ca;object=k?pin-source=/etc/pin&module-path=/lib/p11.so'],
    ['pkcs11:token=ca?module-path=/old.so&pin-source=/p', '/new.so', 'pkcs11:token=ca?pin-source=/p&module-path=/new.so'],
    ['pkcs11:token=ca', '/opt/my libs/p11.so', 'pkcs11:token=ca?module-path=/opt/my%20libs/p11.so'],
  ])('%s + %s', (uri, modulePath, expected) => {
    const result = withModulePath(uri, modulePath);
    expect(result).toBe(expected);
    expect(parsePkcs11Uri(result).modulePath).toBe(modulePath);
  });
});
