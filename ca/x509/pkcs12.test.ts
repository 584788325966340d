// PKCS#12 bundles (RFC 7292) read back by OpenSSL, including a non-ASCII password.
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeTbsCertificate, wrapSigned } from './certificate.js';
import { encodeName, nameAttribute } from './distinguished-name.js';
import { encodePkcs12, pkcs12MacKey } from './pkcs12.js';
import { serialFromRandom } from './serial-number.js';
import { signatureAlgorithmFor } from './signature-algorithm.js';

function selfSigned(): { der: Buffer; key: ReturnType<typeof generateKeyPairSync>['privateKey'] } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const algorithm = signatureAlgorithmFor(privateKey);
  const name = encodeName([nameAttribute('CN', 'p12')]);
  const tbs = encodeTbsCertificate({
    serialDer: serialFromRandom(randomBytes(16)).der, signatureAlgorithm: algorithm.identifier, issuerDer: name,
    notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2027-01-01T00:00:00Z'), subjectDer: name,
    subjectPublicKeyInfo: publicKey.export({ format: 'der', type: 'spki' }), extensions: [],
  });
  return { der: wrapSigned(tbs, algorithm.identifier, sign('sha256', tbs, privateKey)), key: privateKey };
}

describe('encodePkcs12', () => {
  it.each(['simple-password', 'pässwörd ✓'])('OpenSSL opens the bundle with %j and finds the same key and certificate', (password) => {
    const { der, key } = selfSigned();
    const p12 = encodePkcs12({ certificateDer: der, privateKey: key, password, friendlyName: 'CN=p12', macSalt: randomBytes(16) });
    const result = spawnSync('openssl', ['pkcs12', '-nodes', '-passin', 'env:P12_PASSWORD'], { input: p12, env: { ...process.env, P12_PASSWORD: password }, encoding: 'latin1' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(createPrivateKey(result.stdout).equals(key)).toBe(true);
    expect(new X509Certificate(result.stdout).raw.equals(der)).toBe(true);
    expect(result.stdout).toContain('friendlyName: CN=p12');
  });

  it('derives the MAC key per RFC 7292 B.2 with SHA-256', () => {
    // Vector from OpenSSL: openssl kdf -keylen 32 -kdfopt digest:SHA256 -kdfopt hexpass:<BMPString
    // of "password" + 0000> -kdfopt hexsalt:0102030405060708 -kdfopt iter:2048 -kdfopt id:3 PKCS12KDF
    const key = pkcs12MacKey('password', Buffer.from('0102030405060708', 'hex'), 2048);
    expect(key.toString('hex')).toBe('4f510e1b5428cb3a1b784ceee7b1a95670f60e825199c121bd1752ee9e1c83f2');
  });
});
