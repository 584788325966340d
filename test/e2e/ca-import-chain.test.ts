// Issue 9: `ca import-cert --chain` checks every certificate of the chain, the root's
// self-signature included; a tampered root or intermediate (one flipped signature bit) is refused
// with one line, and nothing is written (no ca.crt, no ca-chain.crt, the database unchanged).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError, iamra, openssl, tempDir, writeText } from '../support/ca-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity, type TestIdentity } from '../support/pki.js';
import { decodePemBlocks, encodePem } from '../../x509/pem.js';

let dir: string;
let root: TestIdentity;
let middle: TestIdentity;

/** The PEM with the last bit of its signature flipped (still well-formed DER, no longer verifying). */
function tampered(identity: TestIdentity): string {
  const der = Buffer.from(decodePemBlocks(identity.certPem)[0]!.der);
  der[der.length - 1]! ^= 0x01;
  return encodePem('CERTIFICATE', der);
}

beforeAll(async () => {
  dir = tempDir('iamra-chain-');
  root = await createTestRoot({ subject: 'CN=Chain Root,O=Example' });
  middle = await issueTestCertificate(root, { subject: 'CN=Chain Middle,O=Example', isCa: true, notAfter: new Date(Date.now() + 365 * 86_400_000) });
  writeIdentity(dir, 'middle', middle);
  expect(iamra(dir, ['ca', 'init', '--ca', 'inter', '--intermediate', '--subject', 'CN=Chain Inter,O=Example']).status).toBe(0);
  writeText(dir, 'ca.ext', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  const signed = openssl(['x509', '-req', '-in', 'inter/ca.csr', '-CA', 'middle.crt', '-CAkey', 'middle.key', '-CAcreateserial', '-days', '30', '-extfile', 'ca.ext', '-out', 'inter.crt'], dir);
  expect(signed.status).toBe(0);
  writeText(dir, 'good-chain.pem', middle.certPem + root.certPem);
  writeText(dir, 'tampered-root.pem', middle.certPem + tampered(root));
  writeText(dir, 'tampered-middle.pem', tampered(middle) + root.certPem);
  writeText(dir, 'no-root.pem', middle.certPem);
  writeText(dir, 'leaf-in-chain.pem', (await issueTestCertificate(root, { subject: 'CN=not a CA' })).certPem + root.certPem);
});

describe('issue 9: ca import-cert --chain verifies the whole chain', () => {
  it.each([
    { file: 'tampered-root.pem', says: 'the self-signature of the root CN=Chain Root, O=Example does not verify' },
    { file: 'tampered-middle.pem', says: 'CN=Chain Middle, O=Example is not signed by the next certificate' },
    { file: 'no-root.pem', says: 'which is not a self-signed root' },
    { file: 'leaf-in-chain.pem', says: 'CN=not a CA is not a CA' },
  ])('refuses $file with one line and changes nothing', ({ file, says }) => {
    const before = dumpDatabase(join(dir, 'inter'));
    const line = expectUserError(iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'inter.crt', '--chain', file]), 3);
    expect(line).toContain(`cannot import CA chain ${file}: `);
    expect(line).toContain(says);
    expect(dumpDatabase(join(dir, 'inter'))).toBe(before);
    expect(existsSync(join(dir, 'inter', 'ca.crt'))).toBe(false);
    expect(existsSync(join(dir, 'inter', 'ca-chain.crt'))).toBe(false);
  });

  it('imports the untampered chain, and OpenSSL verifies the stored chain to the root', () => {
    const imported = iamra(dir, ['ca', 'import-cert', '--ca', 'inter', 'inter.crt', '--chain', 'good-chain.pem']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    expect(readFileSync(join(dir, 'inter', 'ca-chain.crt'), 'utf8')).toBe(middle.certPem.trimEnd() + '\n' + root.certPem.trimEnd() + '\n');
    writeText(dir, 'root.pem', root.certPem);
    const verify = openssl(['verify', '-CAfile', 'root.pem', '-untrusted', 'middle.crt', 'inter/ca.crt'], dir);
    expect(verify.stdout.trim()).toBe('inter/ca.crt: OK');
  });
});
