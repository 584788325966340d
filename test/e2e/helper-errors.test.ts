// Every bad input fails before any network call with one clear stderr line, its documented exit
// code, nothing on stdout and nothing written.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnFlags, createPki, encryptKey, exportPkcs12, issueLeaf, openssl, PASSWORD, PROFILE_ARN, ROLE_ARN, tempDir, TRUST_ANCHOR_ARN, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let pki: TestPki;
let leaf: IdentityFiles;
let other: IdentityFiles;
let expired: IdentityFiles;
let future: IdentityFiles;
let server: SessionServer;
let ed25519: { certPath: string; keyPath: string };
let rsa1024: { certPath: string; keyPath: string };

function selfSigned(name: string, genArgs: string[]): { certPath: string; keyPath: string } {
  const keyPath = join(pki.dir, `${name}.key`);
  const certPath = join(pki.dir, `${name}.crt`);
  openssl(['genpkey', ...genArgs, '-out', keyPath]);
  openssl(['req', '-x509', '-new', '-key', keyPath, '-subj', `/CN=${name}`, '-days', '2', '-out', certPath]);
  return { certPath, keyPath };
}

beforeAll(async () => {
  pki = await createPki();
  leaf = await issueLeaf(pki, 'leaf', 'ec-p256');
  other = await issueLeaf(pki, 'other', 'ec-p256');
  const day = 86_400_000;
  expired = await issueLeaf(pki, 'expired', 'ec-p256', { notBefore: new Date(Date.now() - 3 * day), notAfter: new Date(Date.now() - day) });
  future = await issueLeaf(pki, 'future', 'ec-p256', { notBefore: new Date(Date.now() + day), notAfter: new Date(Date.now() + 3 * day) });
  ed25519 = selfSigned('ed25519', ['-algorithm', 'ED25519']);
  rsa1024 = selfSigned('rsa1024', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024']);
  openssl(['rand', '-out', join(pki.dir, 'garbage.bin'), '64']);
  writeFileSync(join(pki.dir, 'six.pem'), pki.intermediate.certPem.repeat(6));
  server = await startSessionServer();
});
afterAll(() => server.stop());

interface Case {
  name: string;
  args: () => string[];
  env?: Record<string, string>;
  status: number;
  line: string | RegExp;
}

const files = (f: { certPath: string; keyPath: string }): string[] => ['--certificate', f.certPath, '--private-key', f.keyPath];
const base = (f: { certPath: string; keyPath: string }, arns = arnFlags()): string[] => ['credential-process', ...files(f), ...arns, '--endpoint', server.url];

const cases: Case[] = [
  { name: 'unknown flag', args: () => ['credential-process', '--certficate', 'x'], status: 2, line: 'iamra: invalid arguments for credential-process: unknown flag --certficate. See iamra credential-process --help.' },
  { name: 'flag without value', args: () => ['credential-process', '--certificate'], status: 2, line: 'iamra: invalid arguments for credential-process: flag --certificate needs a value. See iamra credential-process --help.' },
  { name: 'missing trust anchor', args: () => ['credential-process', ...files(leaf)], status: 2, line: /^iamra: missing flag: --trust-anchor-arn is required\./ },
  { name: 'malformed profile ARN', args: () => base(leaf, ['--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/nope', '--role-arn', ROLE_ARN]), status: 2, line: /^iamra: invalid --profile-arn: not a valid ARN of that kind \(arn:aws:rolesanywhere:us-east-1:123456789012:profile\/nope\)\./ },
  { name: 'regions differ', args: () => base(leaf, ['--trust-anchor-arn', TRUST_ANCHOR_ARN, '--profile-arn', PROFILE_ARN.replace('us-east-1', 'eu-west-1'), '--role-arn', ROLE_ARN]), status: 2, line: "iamra: invalid ARNs: trust anchor and profile regions don't match (us-east-1, eu-west-1). Use a profile from the trust anchor's region." },
  { name: 'session duration out of range', args: () => [...base(leaf), '--session-duration', '600'], status: 2, line: 'iamra: invalid --session-duration: must be from 900 to 43200 seconds (600). Pass e.g. --session-duration 3600.' },
  { name: 'bad session name', args: () => [...base(leaf), '--role-session-name', 'a b'], status: 2, line: /^iamra: invalid --role-session-name: 2-64 characters/ },
  { name: 'PKCS#11 module missing', args: () => ['credential-process', '--certificate', leaf.certPath, '--private-key', 'pkcs11:token=t;object=k?pin-value=1234', '--pkcs11-lib', '/nonexistent/libp11.so', ...arnFlags()], status: 3, line: "iamra: cannot load PKCS#11 module: no such file (/nonexistent/libp11.so). Check --pkcs11-lib or the URI's module-path." },
  { name: 'TPM key handle', args: () => ['credential-process', '--certificate', leaf.certPath, '--private-key', 'handle:0x81000001', ...arnFlags()], status: 2, line: 'iamra: invalid --private-key: TPM keys are not supported yet (handle:0x81000001). Use key files or a pkcs11: URI (tpm2-pkcs11).' },
  { name: 'unreadable certificate', args: () => base({ certPath: join(pki.dir, 'missing.crt'), keyPath: leaf.keyPath }), status: 3, line: /^iamra: cannot read certificate: no such file \(\/.*\/missing\.crt\)\. Check the path and its permissions\.$/ },
  { name: 'certificate file is a key', args: () => base({ certPath: leaf.keyPath, keyPath: leaf.keyPath }), status: 3, line: /^iamra: cannot read certificate: the file holds no PEM CERTIFICATE block \(.*leaf\.key\)\. Give a PEM or DER X\.509 certificate\.$/ },
  { name: 'key does not match certificate', args: () => base({ certPath: leaf.certPath, keyPath: other.keyPath }), status: 3, line: /^iamra: private key does not match the certificate: their public keys differ \(.*other\.key, .*leaf\.crt\)\. Give the key the certificate was issued for\.$/ },
  { name: 'expired certificate', args: () => base(expired), status: 1, line: /^iamra: certificate has expired: it ended at \d{4}-\d\d-\d\dT[\d:.]+Z \(.*expired\.crt\)\. Renew the certificate\.$/ },
  { name: 'not yet valid certificate', args: () => base(future), status: 1, line: /^iamra: certificate is not valid yet: it starts at .* \(.*future\.crt\)\. Check this machine's clock or wait\.$/ },
  { name: 'Ed25519 key', args: () => base(ed25519), status: 3, line: /^iamra: unsupported key \/.*ed25519\.key: ed25519 keys cannot be used with Roles Anywhere\. Use RSA 2048\+ or EC P-256\/P-384\.$/ },
  { name: 'encrypted key without password (no terminal)', args: () => base({ certPath: leaf.certPath, keyPath: encryptKey(leaf, 'enc-nopass', ['-v2', 'aes-256-cbc']) }), status: 3, line: /^iamra: cannot read private key \/.*enc-nopass\.key: it is encrypted and no passphrase was given\. Pass --pkcs8-password-file, set IAMRA_PKCS8_PASSWORD or run on a terminal to be prompted\.$/ },
  { name: 'encrypted key, wrong password', args: () => [...base({ certPath: leaf.certPath, keyPath: encryptKey(leaf, 'enc-wrong', ['-v2', 'aes-256-cbc']) }), '--pkcs8-password', 'nope'], status: 3, line: /^iamra: cannot read private key \/.*enc-wrong\.key: wrong passphrase or damaged key\. Check the passphrase\.$/ },
  { name: 'PKCS#12, wrong password', args: () => ['credential-process', '--certificate', exportPkcs12(leaf, 'wrong', PASSWORD), '--pkcs8-password', 'nope', ...arnFlags()], status: 3, line: /^iamra: cannot read PKCS#12 file: wrong password \(.*wrong\.p12\)\. Check the password\.$/ },
  { name: 'PKCS#12, password needed', args: () => ['credential-process', '--certificate', exportPkcs12(leaf, 'needed', PASSWORD), ...arnFlags()], status: 3, line: /^iamra: cannot read PKCS#12 file: it is protected by a password and none was given \(.*needed\.p12\)\. Pass --pkcs8-password/ },
  { name: 'garbage certificate file', args: () => ['credential-process', '--certificate', join(pki.dir, 'garbage.bin'), ...arnFlags()], status: 3, line: /^iamra: cannot read certificate: not a valid X\.509 certificate \(.*garbage\.bin\)\./ },
  { name: 'more than 5 intermediates', args: () => [...base(leaf), '--intermediates', join(pki.dir, 'six.pem')], status: 3, line: /^iamra: cannot send the intermediates: 6 certificates, the service takes at most 5 \(.*six\.pem\)\. Keep only the CAs between the certificate and the trust anchor\.$/ },
  { name: 'FIPS with a custom endpoint', args: () => base(leaf), env: { AWS_USE_FIPS_ENDPOINT: 'true' }, status: 2, line: 'iamra: invalid endpoint configuration: AWS_USE_FIPS_ENDPOINT cannot be combined with a custom endpoint (--endpoint). Unset one of them.' },
  { name: 'bad AWS_MAX_ATTEMPTS', args: () => base(leaf), env: { AWS_MAX_ATTEMPTS: 'lots' }, status: 2, line: 'iamra: invalid environment: AWS_MAX_ATTEMPTS must be an integer from 1 to 20 (lots). Fix or unset AWS_MAX_ATTEMPTS.' },
  { name: 'unsupported compatibility flag', args: () => [...base(leaf), '--cert-selector', 'Key=x509Subject,Value=CN=a'], status: 2, line: 'iamra: invalid arguments for credential-process: --cert-selector is not supported by iamra (OS certificate stores). Use --certificate and --private-key files.' },
];

describe('bad input: clear error, exit code, nothing sent, nothing written', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const home = tempDir('iamra-home-');
      const before = server.requests.length;
      const result = await runHelper(c.args(), { HOME: home, IAMRA_CREDENTIAL_CACHE: '1', ...c.env });
      expect(result.stdout).toBe('');
      const line = errorLine(result);
      if (typeof c.line === 'string') expect(line.startsWith(c.line)).toBe(true);
      else expect(line).toMatch(c.line);
      expect(result.status).toBe(c.status);
      expect(server.requests.length).toBe(before);
      expect(readdirSync(home)).toEqual([]);
    });
  }
});

describe('RSA-1024 keys (aws_signing_helper signs with them)', () => {
  it('credential-process signs with one, with one warning line on stderr', async () => {
    const before = server.requests.length;
    const result = await runHelper(base(rsa1024));
    expect(result.status, result.stderr).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
    expect(errorLine(result)).toMatch(/^iamra: warning: RSA 1024-bit key \(.*rsa1024\.key\) is weak: signing with it as aws_signing_helper does\. Replace it with RSA 2048\+ or EC P-256\.$/);
    expect(server.requests.slice(before).map((r) => r.problem)).toEqual([undefined]);
  });

  it('sign-string signs with one too', async () => {
    const result = await runHelper(['sign-string', '--private-key', rsa1024.keyPath, '--format', 'text']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^[0-9a-f]{256}$/);
  });
});
