// `ca init --intermediate` and `ca import-cert`: an intermediate under an external (OpenSSL) root.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError, iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';

let dir: string;

const CA_EXTENSIONS = 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n';

beforeAll(() => {
  dir = tempDir();
  const root = openssl(['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-keyout', 'root.key', '-out', 'root.crt', '-subj', '/CN=External Root/O=Example', '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  if (root.status !== 0) throw new Error(root.stderr);
  writeText(dir, 'ca.ext', CA_EXTENSIONS);
  writeText(dir, 'leaf.ext', 'basicConstraints=critical,CA:FALSE\n');
});

describe('intermediate CA', () => {
  it('writes a key and a CSR requesting CA extensions, and cannot issue until imported', () => {
    const init = iamra(dir, ['ca', 'init', '--ca', 'inter', '--intermediate', '--subject', 'CN=Workloads Intermediate,O=Example', '--key-type', 'ec-p256']);
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('iamra ca import-cert');
    expect(existsSync(join(dir, 'inter', 'ca.crt'))).toBe(false);
    const csr = openssl(['req', '-in', 'inter/ca.csr', '-noout', '-text', '-verify'], dir);
    expect(csr.stderr + csr.stdout).toMatch(/verify OK|Certificate request self-signature verify OK/);
    expect(csr.stdout).toMatch(/Basic Constraints: critical\n\s+CA:TRUE/);
    opensslCsr(dir, 'early');
    expect(expectUserError(iamra(dir, ['issue', '--ca', 'inter', '--csr', 'early.csr']), 3)).toContain('has no certificate yet');
  });

  it('refuses a certificate for another key, or one that is not a CA, and changes nothing', () => {
    const before = dumpDatabase(join(dir, 'inter'));
    expect(expectUserError(iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'root.crt']), 3)).toContain("its public key is not this CA's key");
    openssl(['x509', '-req', '-in', 'inter/ca.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-CAcreateserial', '-days', '365', '-extfile', 'leaf.ext', '-out', 'notca.crt'], dir);
    expect(expectUserError(iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'notca.crt']), 3)).toContain('basicConstraints does not say CA:true');
    expect(dumpDatabase(join(dir, 'inter'))).toBe(before);
    expect(existsSync(join(dir, 'inter', 'ca.crt'))).toBe(false);
  });

  it('imports the signed certificate and chain, then issues leaves and CRLs that verify to the root', () => {
    const signed = openssl(['x509', '-req', '-in', 'inter/ca.csr', '-CA', 'root.crt', '-CAkey', 'root.key', '-CAcreateserial', '-days', '365', '-extfile', 'ca.ext', '-out', 'inter.crt'], dir);
    expect(signed.status).toBe(0);
    const imported = iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'inter.crt', '--chain', 'root.crt']);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('imported CA certificate');
    expect(readFileSync(join(dir, 'inter', 'ca-chain.crt'), 'utf8')).toBe(readFileSync(join(dir, 'root.crt'), 'utf8'));
    expect(expectUserError(iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'inter.crt']), 3)).toContain('already has ca.crt');

    opensslCsr(dir, 'leaf');
    expect(iamra(dir, ['issue', '--ca', 'inter', '--csr', 'leaf.csr', '--cert-out', 'leaf.crt']).status).toBe(0);
    expect(iamra(dir, ['issue', '--ca', 'inter', '--csr', 'leaf.csr', '--subject', 'CN=revoked', '--cert-out', 'revoked.crt']).status).toBe(0);
    const verify = openssl(['verify', '-CAfile', 'root.crt', '-untrusted', 'inter/ca.crt', 'leaf.crt'], dir);
    expect(verify.stdout.trim()).toBe('leaf.crt: OK');
    expect(iamra(dir, ['revoke', '--ca', 'inter', 'revoked.crt']).status).toBe(0);
    expect(iamra(dir, ['crl', 'generate', '--ca', 'inter', '--out', 'inter.crl']).status).toBe(0);
    // -crl_check checks the leaf against the intermediate's CRL.
    writeText(dir, 'trusted.pem', readFileSync(join(dir, 'root.crt'), 'utf8'));
    const ok = openssl(['verify', '-crl_check', '-CAfile', 'trusted.pem', '-untrusted', 'inter/ca.crt', '-CRLfile', 'inter.crl', 'leaf.crt'], dir);
    expect(ok.stdout.trim()).toBe('leaf.crt: OK');
    const revoked = openssl(['verify', '-crl_check', '-CAfile', 'trusted.pem', '-untrusted', 'inter/ca.crt', '-CRLfile', 'inter.crl', 'revoked.crt'], dir);
    expect(revoked.stderr).toContain('certificate revoked');
  });
});
