// PEM decoding (RFC 7468): block order, labels, RFC 1421 headers, strictness and boundary lines.
import { describe, expect, it } from 'vitest';
import { decodePemBlocks, encodePem, isPem } from './pem.js';

const block = (label: string, body: string, eol = '\n') => `-----BEGIN ${label}-----${eol}${body}${eol}-----END ${label}-----${eol}`;

describe('decodePemBlocks', () => {
  it('returns every block in file order, ignoring text around them', () => {
    const text = `comment\n${block('CERTIFICATE', 'AAEC')}between\n${block('EC PRIVATE KEY', 'AwQF')}`;
    const blocks = decodePemBlocks(text);
    expect(blocks.map((b) => [b.label, b.der.toString('hex'), b.isStrict])).toEqual([['CERTIFICATE', '000102', true], ['EC PRIVATE KEY', '030405', true]]);
    expect(blocks[1]!.text).toBe(block('EC PRIVATE KEY', 'AwQF').trimEnd());
  });

  it('reads CRLF files and bodies split over lines', () => {
    const [crlf] = decodePemBlocks(block('X509 CRL', 'AA\r\nEC', '\r\n'));
    expect(crlf!.der.toString('hex')).toBe('000102');
    expect(crlf!.isStrict).toBe(true);
  });

  it('skips RFC 1421 headers in the DER but marks the block as not strict', () => {
    const [legacy] = decodePemBlocks(block('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC'));
    expect(legacy!.der.toString('hex')).toBe('000102');
    expect(legacy!.isStrict).toBe(false);
  });

  it('marks a body that is not base64 as not strict', () => {
    expect(decodePemBlocks(block('CERTIFICATE', 'AAE*'))[0]!.isStrict).toBe(false);
    expect(decodePemBlocks(block('CERTIFICATE', 'AAE'))[0]!.isStrict).toBe(false);
  });

  it('needs the BEGIN line to end before the body, and a matching END', () => {
    expect(decodePemBlocks('-----BEGIN CERTIFICATE-----AAEC-----END CERTIFICATE-----')).toEqual([]);
    expect(decodePemBlocks('-----BEGIN CERTIFICATE-----\nAAEC\n-----END X509 CRL-----\n')).toEqual([]);
  });
});

describe('isPem', () => {
  it('tells PEM text from DER', () => {
    expect(isPem(Buffer.from(block('CERTIFICATE', 'AAEC')))).toBe(true);
    expect(isPem(Buffer.from('3003020101', 'hex'))).toBe(false);
  });
});

describe('encodePem', () => {
  it.each([0, 1, 47, 48, 49, 96, 200])('writes %i bytes as 64-column lines that read back to the same DER', (length) => {
    const der = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) & 0xff));
    const pem = encodePem('TEST DATA', der);
    const lines = pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN TEST DATA-----');
    expect(lines.at(-2)).toBe('-----END TEST DATA-----');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -2);
    expect(body.slice(0, -1).every((line) => line.length === 64)).toBe(true);
    expect(body.at(-1)!.length).toBeLessThanOrEqual(64);
    expect(body.join('')).toBe(der.toString('base64'));
    expect(decodePemBlocks(pem).map((b) => ({ label: b.label, der: b.der }))).toEqual([{ label: 'TEST DATA', der }]);
  });
});
