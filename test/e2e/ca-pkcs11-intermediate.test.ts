// An intermediate CA whose key is on a SoftHSM2 token, through the built CLI: `ca init
// --intermediate --key pkcs11:...` signs its CSR on the token, an OpenSSL root with a file key
// issues the intermediate, `ca import-cert` finishes it, and what it then signs on the token
// (certificates, CRLs) OpenSSL verifies up to the root with -crl_check; a workload of it gets
// credentials from the emulator (trust anchor: the root) with --intermediates.
import { createPublicKey, X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamra, openssl, opensslCsr, tempDir, writeText } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { runHelper } from './helper-support/run-helper.js';

let token: SoftHsmToken;
let dir: string;
let pinFile: string;
let emulator: EmulatorFixture;

beforeAll(async () => {
  if (!hasSoftHsm) return;
  token = createSoftHsmToken('inter-token');
  dir = tempDir();
  pinFile = writeText(dir, 'pin.txt', '1234\n');
  const root = openssl(['req', '-x509', '-new', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-384', '-keyout', 'root.key', '-out', 'root.crt', '-subj', '/CN=Offline Root/O=Example', '-days', '3650',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'], dir);
  if (root.status !== 0) throw new Error(root.stderr);
  writeText(dir, 'ca.ext', 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n');
  emulator = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'root.crt'), 'utf8')] });
});
afterAll(async () => {
  await emulator?.stop();
  token?.remove();
});

function cli(args: string[]) {
  return iamra(dir, args, { ...token.env, IAMRA_CA_PASSPHRASE: undefined });
}

describe.skipIf(!hasSoftHsm)('intermediate CA with its key on a PKCS#11 token', () => {
  for (const [keyType, id] of [['ec-p256', '%01'], ['rsa-2048', '%02']] as const) {
    it(`${keyType}: CSR signed on the token, imported, then issues certificates and CRLs that verify to the root, and a workload gets credentials`, async () => {
      const name = `inter-${keyType}`;
      const uri = `pkcs11:token=inter-token;object=${name};id=${id}?pin-source=${pinFile}`;
      const init = cli(['ca', 'init', '--ca', name, '--intermediate', '--subject', `CN=${name},O=Example`, '--key-type', keyType, '--key', uri, '--pkcs11-lib', SOFTHSM_MODULE]);
      expect(init.status, init.stderr).toBe(0);
      expect(init.stdout).toContain('iamra ca import-cert');
      expect(readdirSync(join(dir, name)).sort()).toEqual(['ca.csr', 'ca.db', 'ca.json']);

      // The CSR is self-signed by the token key: OpenSSL checks it, and its key is the token's.
      const csr = openssl(['req', '-in', `${name}/ca.csr`, '-noout', '-verify', '-pubkey'], dir);
      expect(csr.stderr + csr.stdout).toMatch(/verify OK/);
      const tokenKey = createPublicKey(readTokenPublicKeyPem(token, id.slice(1)));
      const csrKey = createPublicKey(csr.stdout.slice(csr.stdout.indexOf('-----BEGIN PUBLIC KEY-----')));
      expect(csrKey.export({ format: 'der', type: 'spki' })).toEqual(tokenKey.export({ format: 'der', type: 'spki' }));

      const signed = openssl(['x509', '-req', '-in', `${name}/ca.csr`, '-CA', 'root.crt', '-CAkey', 'root.key', '-CAcreateserial', '-days', '365', '-extfile', 'ca.ext', '-out', `${name}.crt`], dir);
      expect(signed.status, signed.stderr).toBe(0);
      const imported = cli(['ca', 'import-cert', '--ca', name, `${name}.crt`, '--chain', 'root.crt']);
      expect(imported.status, imported.stderr).toBe(0);
      expect(readdirSync(join(dir, name)).filter((f) => /key/i.test(f))).toEqual([]);

      opensslCsr(dir, `${name}-leaf`);
      for (const [leaf, subject] of [['kept', `CN=${name}-workload`], ['revoked', `CN=${name}-revoked`]]) {
        const issued = cli(['issue', '--ca', name, '--csr', `${name}-leaf.csr`, '--subject', subject!, '--cert-out', `${name}-${leaf}.crt`]);
        expect(issued.status, issued.stderr).toBe(0);
      }
      expect(cli(['revoke', '--ca', name, `${name}-revoked.crt`, '--reason', 'keyCompromise']).status).toBe(0);
      const crl = cli(['crl', 'generate', '--ca', name, '--out', `${name}.crl`]);
      expect(crl.status, crl.stderr).toBe(0);
      const verify = (cert: string) => openssl(['verify', '-crl_check', '-CAfile', 'root.crt', '-untrusted', `${name}/ca.crt`, '-CRLfile', `${name}.crl`, cert], dir);
      const kept = verify(`${name}-kept.crt`);
      expect(kept.stdout.trim(), kept.stderr).toBe(`${name}-kept.crt: OK`);
      const revoked = verify(`${name}-revoked.crt`);
      expect(revoked.status).not.toBe(0);
      expect(revoked.stdout + revoked.stderr).toContain('certificate revoked');
      expect(openssl(['crl', '-in', `${name}.crl`, '-noout', '-CAfile', `${name}/ca.crt`], dir).stderr).toContain('verify OK');
      expect(new X509Certificate(readFileSync(join(dir, `${name}-kept.crt`))).checkIssued(new X509Certificate(readFileSync(join(dir, name, 'ca.crt'))))).toBe(true);

      const result = await runHelper(['credential-process', '--certificate', `${name}-kept.crt`, '--private-key', `${name}-leaf.key`, '--intermediates', `${name}/ca.crt`,
        '--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn, '--endpoint', emulator.emulator.url], {}, dir);
      expect(result.status, result.stderr).toBe(0);
      expect(Object.keys(JSON.parse(result.stdout) as object)).toEqual(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration']);
      // Without the intermediate the root alone cannot vouch for the workload.
      const unchained = await runHelper(['credential-process', '--certificate', `${name}-kept.crt`, '--private-key', `${name}-leaf.key`,
        '--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn, '--endpoint', emulator.emulator.url], {}, dir);
      expect(unchained.stdout).toBe('');
      expect(unchained.stderr).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Untrusted signing certificate /);
    });
  }
});
