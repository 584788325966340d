// Subject alternative names (RFC 5280 §4.2.1.6): parsing, GeneralNames DER vectors and round trips.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { decodeGeneralNames, encodeGeneralNames, formatSubjectAltName, parseSubjectAltName } from './subject-alt-name.js';

const hex = (b: Buffer): string => b.toString('hex');

describe('subject alternative names', () => {
  it('parses and round-trips every supported type', () => {
    const sans = ['dns:Host.Example.com', 'uri:spiffe://example.com/ns/a/sa/b', 'email:ops@example.com', 'ip:192.0.2.1', 'ip:2001:db8::1', 'ip:::ffff:192.0.2.1', 'dirname:CN=Alice,OU=Team'].map(parseSubjectAltName);
    expect(sans[0]).toEqual({ type: 'dns', value: 'host.example.com' });
    const decoded = decodeGeneralNames(encodeGeneralNames(sans));
    expect(decoded.map(formatSubjectAltName)).toEqual([
      'dns:host.example.com', 'uri:spiffe://example.com/ns/a/sa/b', 'email:ops@example.com', 'ip:192.0.2.1', 'ip:2001:db8::1', 'ip:::ffff:c000:201', 'dirname:CN=Alice, OU=Team',
    ]);
  });

  it('encodes IP addresses as 4 or 16 octets', () => {
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:10.0.0.1')]))).toBe('3006870' + '40a000001');
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:2001:db8::1')]))).toBe(`30128710${'20010db8000000000000000000000001'}`);
    expect(hex(encodeGeneralNames([parseSubjectAltName('ip:::')]))).toBe(`30128710${'00'.repeat(16)}`);
  });

  it.each(['dns:', 'dns:-bad.example', 'dns:a..b', 'dns:*.example.com', 'uri:no-scheme', 'uri:spiffe://a b', 'email:nobody', 'email:a@b@', 'ip:1.2.3', 'ip:fe80::1%eth0', 'ftp:x', 'x'])('refuses %j', (text) => {
    expect(() => parseSubjectAltName(text)).toThrow(InputError);
  });
});
