// The test PKI itself is checked by OpenSSL, so the other suites can trust what it makes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestRoot, issueTestCertificate, writeIdentity } from './pki.js';

describe('test PKI', () => {
  it('issues a chain that openssl verify accepts, and a SHA-1 leaf it reports as such', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamra-pki-'));
    const root = await createTestRoot({ keyType: 'rsa-2048' });
    const intermediate = await issueTestCertificate(root, { subject: 'CN=intermediate', isCa: true, keyType: 'ec-p384' });
    const leaf = await issueTestCertificate(intermediate, { subject: 'CN=leaf,O=iamra', sans: [{ type: 'dns', value: 'leaf.example' }] });
    const r = writeIdentity(dir, 'root', root);
    const i = writeIdentity(dir, 'intermediate', intermediate);
    const l = writeIdentity(dir, 'leaf', leaf);
    const out = execFileSync('openssl', ['verify', '-CAfile', r.certPath, '-untrusted', i.certPath, l.certPath], { encoding: 'utf8' });
    expect(out.trim()).toBe(`${l.certPath}: OK`);
    const sha1 = await issueTestCertificate(intermediate, { subject: 'CN=old', hash: 'SHA-1' });
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: sha1.certPem, encoding: 'utf8' });
    expect(text).toMatch(/Signature Algorithm: ecdsa-with-SHA1/);
  });
});
