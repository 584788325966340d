// Every CA key type issues certificates that `openssl verify` accepts, with the Roles Anywhere profile.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCa, iamra, openssl, opensslCsr, tempDir } from '../support/ca-fixture.js';

const KEY_TYPES = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096'] as const;
const SIGNATURE: Record<string, string> = { 'ec-p256': 'ecdsa-with-SHA256', 'ec-p384': 'ecdsa-with-SHA384', 'rsa-2048': 'sha256WithRSAEncryption', 'rsa-3072': 'sha256WithRSAEncryption', 'rsa-4096': 'sha256WithRSAEncryption' };

describe.each(KEY_TYPES)('CA and leaf with %s', (keyType) => {
  it('creates a root OpenSSL reads as a CA and issues a leaf it verifies', () => {
    const dir = tempDir();
    const caDir = createCa(dir, keyType);
    expect(statSync(join(caDir, 'ca.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(caDir, 'ca.key'), 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    const root = openssl(['x509', '-in', join(caDir, 'ca.crt'), '-noout', '-text'], dir).stdout;
    expect(root).toMatch(/Version: 3 \(0x2\)/);
    expect(root).toMatch(/Basic Constraints: critical\n\s+CA:TRUE/);
    expect(root).toMatch(/Key Usage: critical\n\s+Certificate Sign, CRL Sign/);
    expect(root).toMatch(/Subject Key Identifier/);
    expect(root).toContain(`Signature Algorithm: ${SIGNATURE[keyType]}`);

    opensslCsr(dir, 'leaf', { keyType, subject: '/CN=leaf/O=Example' });
    const issued = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'leaf.csr', '--cert-out', 'leaf.crt']);
    expect(issued.stderr).toBe('');
    expect(issued.status).toBe(0);
    const verify = openssl(['verify', '-CAfile', 'ca/ca.crt', 'leaf.crt'], dir);
    expect(verify.stdout.trim()).toBe('leaf.crt: OK');
    expect(verify.status).toBe(0);

    const leaf = openssl(['x509', '-in', 'leaf.crt', '-noout', '-text'], dir).stdout;
    expect(leaf).toMatch(/Basic Constraints: critical\n\s+CA:FALSE/);
    expect(leaf).toMatch(/Key Usage: critical\n\s+Digital Signature\n/);
    expect(leaf).toMatch(/Extended Key Usage: \n\s+TLS Web Client Authentication\n/);
    expect(leaf).toMatch(/Subject Key Identifier/);
    expect(leaf).toMatch(/Authority Key Identifier/);
    const caSki = /Subject Key Identifier: \n\s+([0-9A-F:]+)/.exec(root)![1];
    expect(leaf).toContain(caSki);
  });
});
