// Workload keys on a PKCS#11 token (SoftHSM2) through the built binary: credentials from the
// emulator with RSA and EC token keys, the certificate read from the token, only the intended
// certificates in X-Amz-X509-Chain (the official helper's issue #174), and each bad input.
import { X509Certificate } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { certifyPublicKey } from '../support/token-certificate.js';
import { createPki, issueLeaf, openssl, writeFile, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { spawnHelper } from './helper-support/spawn-helper.js';

let pki: TestPki;
let emulator: EmulatorFixture;
let token: SoftHsmToken;
let pinFile: string;
const certificates = new Map<string, string>();

/** A leaf certificate for a token key, issued by the test intermediate (OpenSSL, -force_pubkey). */
function certifyTokenKey(label: string, id: string): string {
  return certifyPublicKey({ dir: pki.dir, label, publicKeyPem: readTokenPublicKeyPem(token, id), caCertPath: pki.intermediatePath, caKeyPath: join(pki.dir, 'intermediate.key') });
}

beforeAll(async () => {
  if (!hasSoftHsm) return;
  pki = await createPki();
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
  token = createSoftHsmToken('workload-token');
  pinFile = writeFile(token.dir, 'pin.txt', '1234\n', 0o600);
  const keys = [['ec-key', '01', 'EC:prime256v1'], ['rsa-key', '02', 'rsa:2048'], ['spare-key', '03', 'EC:prime256v1']] as const;
  for (const [label, id, type] of keys) {
    token.generateKey({ type, label, id });
    const path = certifyTokenKey(label, id);
    certificates.set(label, path);
    token.writeCertificate({ pem: openssl(['x509', '-in', path]), label, id });
  }
  // Unrelated certificates on the same token: the intermediate and another workload's leaf.
  token.writeCertificate({ pem: pki.intermediate.certPem, label: 'intermediate', id: '90' });
  token.writeCertificate({ pem: (await issueLeaf(pki, 'other-leaf', 'ec-p256')).identity.certPem, label: 'other', id: '91' });
});
afterAll(async () => {
  await emulator?.stop();
  token?.remove();
});

function arnFlags(): string[] {
  return ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn, '--endpoint', emulator.emulator.url];
}

function run(args: string[], env: Record<string, string> = {}) {
  return runHelper(args, { AWS_CA_BUNDLE: emulator.emulator.caCertPath, ...token.env, ...env });
}

/** The certificates the request carried in X-Amz-X509-Chain (from the --debug canonical request). */
function chainSent(stderr: string): string[] {
  const header = /^x-amz-x509-chain:(.*)$/m.exec(stderr);
  return header ? header[1]!.split(',').map((b64) => new X509Certificate(Buffer.from(b64, 'base64')).subject) : [];
}

async function expectCredentials(args: string[]) {
  const result = await run(['credential-process', ...args, ...arnFlags(), '--debug']);
  expect(result.status, result.stderr).toBe(0);
  expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
  // The PIN is 1234: never as a word of its own (ARNs and base64 may hold those digits).
  expect(result.stderr).not.toMatch(/pin-value|(^|[^0-9A-Za-z+/])1234([^0-9A-Za-z+/]|$)/m);
  return result;
}

describe.skipIf(!hasSoftHsm)('credential-process with keys on a PKCS#11 token', () => {
  for (const label of ['ec-key', 'rsa-key']) {
    it(`${label}: token key, certificate and key by URI (pin-source), via p11-kit-less --pkcs11-lib`, async () => {
      const uri = `pkcs11:token=workload-token;object=${label}`;
      const result = await expectCredentials(['--certificate', `${uri};type=cert`, '--private-key', `${uri};type=private?pin-source=${pinFile}`, '--intermediates', pki.intermediatePath, '--pkcs11-lib', SOFTHSM_MODULE]);
      expect(chainSent(result.stderr)).toEqual([pki.intermediate.certificate.subject]);
    });
  }

  it('token key with a certificate file and the URI\'s module-path', async () => {
    await expectCredentials(['--certificate', certificates.get('ec-key')!, '--private-key', `pkcs11:token=workload-token;id=%01?pin-value=1234&module-path=${SOFTHSM_MODULE}`, '--intermediates', pki.intermediatePath]);
  });

  it('through p11-kit\'s proxy module when no module is given', async () => {
    await expectCredentials(['--certificate', 'pkcs11:token=workload-token;object=rsa-key', '--private-key', `pkcs11:token=workload-token;object=rsa-key?pin-source=file://${pinFile}`, '--intermediates', pki.intermediatePath]);
  });

  it('#174: only the certificate for the key and the given --intermediates go into the request, not every token certificate', async () => {
    // No object= on the certificate URI: several certificates match, the key's own is chosen.
    const result = await expectCredentials(['--certificate', 'pkcs11:token=workload-token', '--private-key', `pkcs11:token=workload-token;object=spare-key?pin-source=${pinFile}`, '--intermediates', pki.intermediatePath, '--pkcs11-lib', SOFTHSM_MODULE]);
    expect(chainSent(result.stderr)).toEqual([pki.intermediate.certificate.subject]);
    expect(result.stderr).toMatch(/^x-amz-x509:/m);
    const leaf = new X509Certificate(Buffer.from(/^x-amz-x509:(.*)$/m.exec(result.stderr)![1]!, 'base64'));
    expect(leaf.subject).toBe('CN=spare-key\nO=iamra');
  });

  it('only --private-key: the certificate is the token certificate with the key\'s public key', async () => {
    const result = await expectCredentials(['--private-key', `pkcs11:token=workload-token;object=rsa-key?pin-source=${pinFile}`, '--intermediates', pki.intermediatePath, '--pkcs11-lib', SOFTHSM_MODULE]);
    const leaf = new X509Certificate(Buffer.from(/^x-amz-x509:(.*)$/m.exec(result.stderr)![1]!, 'base64'));
    expect(leaf.subject).toBe('CN=rsa-key\nO=iamra');
  });

  it('update --once and serve take the token key too', async () => {
    const home = join(token.dir, 'home-update');
    mkdirSync(home);
    const key = ['--certificate', certificates.get('ec-key')!, '--private-key', `pkcs11:token=workload-token;object=ec-key?pin-source=${pinFile}`, '--pkcs11-lib', SOFTHSM_MODULE, '--intermediates', pki.intermediatePath];
    const update = await run(['update', ...key, ...arnFlags(), '--once'], { HOME: home });
    expect(update.status, update.stderr).toBe(0);
    expect(readFileSync(join(home, '.aws', 'credentials'), 'utf8')).toMatch(/^\[default\]\naws_access_key_id = \S+\n/);
    const serve = spawnHelper(['serve', ...key, ...arnFlags(), '--port', '0'], { AWS_CA_BUNDLE: emulator.emulator.caCertPath, ...token.env });
    try {
      const endpoint = (await serve.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+\/)$/))[1]!;
      const session = await (await fetch(new URL('latest/api/token', endpoint), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
      const document = await fetch(new URL('latest/meta-data/iam/security-credentials/iamra-test', endpoint), { headers: { 'x-aws-ec2-metadata-token': session } });
      expect(document.status).toBe(200);
      expect(((await document.json()) as { Code: string }).Code).toBe('Success');
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it('sign-string signs with the token key', async () => {
    const result = await run(['sign-string', '--private-key', `pkcs11:token=workload-token;object=ec-key?pin-source=${pinFile}`, '--pkcs11-lib', SOFTHSM_MODULE, '--format', 'text']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim()).toMatch(/^30[0-9a-f]+$/);
  });

  it('read-certificate-data lists the token certificates with their URIs', async () => {
    const result = await run(['read-certificate-data', '--certificate', 'pkcs11:token=workload-token', '--pkcs11-lib', SOFTHSM_MODULE]);
    expect(result.status, result.stderr).toBe(0);
    const uris = result.stdout.split('\n').filter((l) => l.startsWith('\tURI: ')).map((l) => l.slice(6));
    expect(uris.map((u) => u.replace(/;serial=[0-9a-f]+;/, ';serial=S;')).sort()).toEqual(
      ['ec-key;id=%01', 'rsa-key;id=%02', 'spare-key;id=%03', 'intermediate;id=%90', 'other;id=%91'].map((o) => `pkcs11:model=SoftHSM%20v2;manufacturer=SoftHSM%20project;serial=S;token=workload-token;object=${o};type=cert`).sort(),
    );
    expect(result.stdout).toContain('"CN=spare-key, O=iamra"');
  });
});

describe.skipIf(!hasSoftHsm)('PKCS#11 bad input: one clear line, its exit code, no PIN, nothing written', () => {
  const key = (query: string, path = 'object=ec-key') => `pkcs11:token=workload-token;${path}${query}`;
  const cases = [
    { name: 'wrong PIN', args: () => ['--private-key', key('?pin-value=9999')], status: 3, line: /^iamra: cannot log in to token workload-token: wrong PIN \(pkcs11:token=workload-token;object=ec-key\)\./ },
    { name: 'no PIN, no terminal', args: () => ['--private-key', key('')], status: 3, line: /^iamra: cannot log in to token workload-token: no PIN given and no terminal to ask on/ },
    { name: 'unreadable pin-source', args: () => ['--private-key', key('?pin-source=/nonexistent/pin')], status: 3, line: /^iamra: cannot read the token PIN: pin-source \/nonexistent\/pin: no such file/ },
    { name: 'missing token', args: () => ['--private-key', 'pkcs11:token=absent?pin-value=9999'], status: 3, line: /^iamra: cannot find the PKCS#11 token: no token matches, tokens present: .*"workload-token"/ },
    { name: 'missing object', args: () => ['--private-key', key('?pin-value=1234', 'object=nothing')], status: 3, line: /^iamra: cannot find the private key on the token: no object matches/ },
    { name: 'several matching keys', args: () => ['--private-key', 'pkcs11:token=workload-token?pin-value=1234'], status: 3, line: /^iamra: cannot choose the private key: 3 objects match: pkcs11:.*object=(ec|rsa|spare)-key;id=%0[123];type=private , pkcs11:/ },
    { name: 'module not found', args: () => ['--private-key', key('?pin-value=1234'), '--pkcs11-lib', '/nonexistent/lib.so'], status: 3, line: /^iamra: cannot load PKCS#11 module: no such file \(\/nonexistent\/lib\.so\)/ },
    { name: 'not a PKCS#11 module', args: () => ['--private-key', key('?pin-value=1234'), '--pkcs11-lib', '/etc/hostname'], status: 3, line: /^iamra: cannot load PKCS#11 module: it is not a PKCS#11 module for this machine \(\/etc\/hostname\)/ },
    { name: 'bad URI', args: () => ['--private-key', 'pkcs11:token=workload-token;colour=red?pin-value=1234'], status: 2, line: /^iamra: invalid PKCS#11 URI: unknown attribute "colour" \(pkcs11:token=workload-token;colour=red\)/ },
    { name: 'key of another certificate', args: () => ['--certificate', certificates.get('rsa-key')!, '--private-key', key('?pin-value=1234')], status: 3, line: /^iamra: private key does not match the certificate/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const home = join(token.dir, `home-${c.name.replace(/\W+/g, '-')}`);
      const args = c.args();
      const withCert = args.includes('--certificate') ? args : ['--certificate', certificates.get('ec-key')!, ...args];
      const result = await runHelper(['credential-process', ...withCert, ...arnFlags(), ...(args.includes('--pkcs11-lib') ? [] : ['--pkcs11-lib', SOFTHSM_MODULE])], { ...token.env, HOME: home });
      expect(result.stdout).toBe('');
      expect(errorLine(result)).toMatch(c.line);
      expect(result.stderr).not.toMatch(/1234|9999/);
      expect(result.status).toBe(c.status);
      expect(() => readdirSync(home)).toThrow();
    });
  }
});
