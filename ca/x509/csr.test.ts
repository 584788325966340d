// PKCS#10 parsing and proof of possession (RFC 2986): our encoder, OpenSSL's, and broken requests.
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { nullValue, oid, sequence } from '../../x509/der-writer.js';
import { wrapSigned } from './certificate.js';
import { encodeCsrInfo } from './csr-builder.js';
import { parseCsr } from './csr.js';
import { decodeName, encodeName, nameAttribute } from './distinguished-name.js';
import { subjectAltName } from './extensions.js';
import { pemOrDer } from './pem.js';
import { decodeGeneralNames } from './subject-alt-name.js';

function buildCsr(privateKey: KeyObject, publicKey: KeyObject, options: { digest?: string; algorithmOid?: string } = {}): Buffer {
  const info = encodeCsrInfo({
    subjectDer: encodeName([nameAttribute('CN', 'unit')]),
    subjectPublicKeyInfo: publicKey.export({ format: 'der', type: 'spki' }),
    extensions: [subjectAltName([{ type: 'dns', value: 'unit.example.com' }])],
  });
  const isRsa = privateKey.asymmetricKeyType === 'rsa';
  const algorithm = options.algorithmOid ?? (isRsa ? '1.2.840.113549.1.1.11' : '1.2.840.10045.4.3.2');
  const identifier = isRsa ? sequence(oid(algorithm), nullValue()) : sequence(oid(algorithm));
  return wrapSigned(info, identifier, sign(options.digest ?? 'sha256', info, privateKey));
}

describe('parseCsr', () => {
  it('reads subject, key and requested SANs from our own encoder, and OpenSSL accepts it too', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = buildCsr(privateKey, publicKey);
    const parsed = parseCsr(der, 'unit.csr');
    expect(decodeName(parsed.subjectNode)).toEqual([nameAttribute('CN', 'unit')]);
    expect((parsed.publicKey as KeyObject).equals(publicKey)).toBe(true);
    expect(decodeGeneralNames(parsed.requestedSanDer!)).toEqual([{ type: 'dns', value: 'unit.example.com' }]);
    const verify = spawnSync('openssl', ['req', '-inform', 'DER', '-noout', '-verify'], { input: der, encoding: 'latin1' });
    expect(verify.status).toBe(0);
  });

  it('reads an OpenSSL RSA CSR', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-csr-'));
    const made = spawnSync('openssl', ['req', '-new', '-nodes', '-newkey', 'rsa:2048', '-keyout', 'k.pem', '-out', 'r.csr', '-subj', '/CN=rsa/O=Example'], { cwd: dir });
    expect(made.status).toBe(0);
    const der = pemOrDer(readFileSync(join(dir, 'r.csr')), ['CERTIFICATE REQUEST'], 'CSR', 'r.csr');
    const parsed = parseCsr(der, 'r.csr');
    expect((parsed.publicKey as KeyObject).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(parsed.requestedSanDer).toBeUndefined();
  });

  it('refuses a CSR whose signature does not verify', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = buildCsr(other.privateKey, publicKey);
    expect(() => parseCsr(der, 'x.csr')).toThrow(expect.objectContaining({ code: 'CSR_SIGNATURE_INVALID' }));
    expect(() => parseCsr(buildCsr(privateKey, publicKey), 'x.csr')).not.toThrow();
  });

  it('refuses SHA-1 signatures', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const der = buildCsr(privateKey, publicKey, { digest: 'sha1', algorithmOid: '1.2.840.10045.4.1' });
    expect(() => parseCsr(der, 'x.csr')).toThrow(expect.objectContaining({ code: 'CSR_UNSUPPORTED_SIGNATURE' }));
  });

  it('refuses keys Roles Anywhere cannot use', () => {
    const ed = generateKeyPairSync('ed25519');
    const info = encodeCsrInfo({ subjectDer: encodeName([nameAttribute('CN', 'ed')]), subjectPublicKeyInfo: ed.publicKey.export({ format: 'der', type: 'spki' }), extensions: [] });
    const der = wrapSigned(info, sequence(oid('1.3.101.112')), sign(null, info, ed.privateKey));
    expect(() => parseCsr(der, 'ed.csr')).toThrow(expect.objectContaining({ code: 'KEY_UNSUPPORTED' }));
  });

  it.each([
    ['empty', ''],
    ['not a sequence', '0400'],
    ['a bare sequence', '3000'],
    ['a certificate request with a wrong version', '3010300a020101300030003000a000300030000300'],
  ])('refuses %s as CSR_MALFORMED', (_name, input) => {
    expect(() => parseCsr(Buffer.from(input, 'hex'), 'bad.csr')).toThrow(InputError);
  });
});
