// Test identities for the helper's end-to-end suites: a root CA, an intermediate and leaves of
// each key type, written as files, plus the encrypted, combined and PKCS#12 variants made by openssl.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestRoot, issueTestCertificate, writeIdentity, type TestCertificateOptions, type TestIdentity, type TestKeyType } from '../../support/pki.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const TRUST_ANCHOR_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:trust-anchor/0b5f5e5c-1111-4222-8333-444455556666`;
export const PROFILE_ARN = `arn:aws:rolesanywhere:${REGION}:${ACCOUNT}:profile/1c6a6f6d-2222-4333-8444-555566667777`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/iamra-test`;

export const PASSWORD = 'correct horse';

export interface IdentityFiles {
  identity: TestIdentity;
  certPath: string;
  keyPath: string;
}

export interface TestPki {
  dir: string;
  root: TestIdentity;
  rootPath: string;
  intermediate: TestIdentity;
  intermediatePath: string;
}

export function tempDir(prefix = 'iamra-helper-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function createPki(): Promise<TestPki> {
  const dir = tempDir('iamra-helper-pki-');
  const root = await createTestRoot({ keyType: 'ec-p256', subject: 'CN=iamra helper test root' });
  const intermediate = await issueTestCertificate(root, { subject: 'CN=iamra helper test intermediate', isCa: true, keyType: 'ec-p256' });
  const rootPath = writeIdentity(dir, 'root', root).certPath;
  const intermediatePath = writeIdentity(dir, 'intermediate', intermediate).certPath;
  return { dir, root, rootPath, intermediate, intermediatePath };
}

export async function issueLeaf(pki: TestPki, name: string, keyType: TestKeyType, options: Partial<TestCertificateOptions> & { viaIntermediate?: boolean } = {}): Promise<IdentityFiles> {
  const issuer = options.viaIntermediate ? pki.intermediate : pki.root;
  const identity = await issueTestCertificate(issuer, { subject: `CN=${name},O=iamra`, keyType, ...options });
  return { identity, ...writeIdentity(pki.dir, name, identity) };
}

export function openssl(args: string[], input?: string): string {
  return execFileSync('openssl', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Encrypted PKCS#8 of a key file: `-v2 cipher [-v2prf prf]` or scrypt. */
export function encryptKey(files: IdentityFiles, name: string, args: string[]): string {
  const out = join(files.keyPath.replace(/[^/]+$/, ''), `${name}.key`);
  openssl(['pkcs8', '-topk8', '-in', files.keyPath, '-out', out, '-passout', `pass:${PASSWORD}`, ...args]);
  return out;
}

/** PKCS#12 of a leaf (and optional chain) with extra `openssl pkcs12 -export` arguments. */
export function exportPkcs12(files: IdentityFiles, name: string, password: string, args: string[] = [], chainPath?: string): string {
  const out = join(files.keyPath.replace(/[^/]+$/, ''), `${name}.p12`);
  const chain = chainPath ? ['-certfile', chainPath] : [];
  openssl(['pkcs12', '-export', '-in', files.certPath, '-inkey', files.keyPath, '-out', out, '-passout', `pass:${password}`, ...chain, ...args]);
  return out;
}

export function writeFile(dir: string, name: string, content: string | Buffer, mode = 0o644): string {
  const path = join(dir, name);
  writeFileSync(path, content, { mode });
  return path;
}

export function arnFlags(): string[] {
  return ['--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN, '--role-arn', ROLE_ARN];
}

/** A TLS server certificate for 127.0.0.1 and sessions.test (serverAuth), signed by the test root. */
export function issueServerCertificate(pki: TestPki): { certPem: string; keyPem: string; certPath: string } {
  const keyPath = join(pki.dir, 'server.key');
  const csrPath = join(pki.dir, 'server.csr');
  const certPath = join(pki.dir, 'server.crt');
  const extPath = writeFile(pki.dir, 'server.ext', 'subjectAltName=IP:127.0.0.1,DNS:sessions.test\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', keyPath]);
  openssl(['req', '-new', '-key', keyPath, '-subj', '/CN=sessions.test', '-out', csrPath]);
  openssl(['x509', '-req', '-in', csrPath, '-CA', pki.rootPath, '-CAkey', join(pki.dir, 'root.key'), '-CAcreateserial', '-days', '2', '-extfile', extPath, '-out', certPath]);
  return { certPem: readFileSync(certPath, 'utf8'), keyPem: readFileSync(keyPath, 'utf8'), certPath };
}
