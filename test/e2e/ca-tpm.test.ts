// The second PKCS#11 module: a CA whose key is generated in a software TPM (swtpm) through
// tpm2-pkcs11, through the built CLI; OpenSSL verifies its certificates and CRLs.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamra, openssl, opensslCsr, tempDir } from '../support/ca-fixture.js';
import { hasSoftwareTpm, startSoftwareTpm, TPM2_PKCS11_MODULE, type SoftwareTpm } from '../support/swtpm.js';

let tpm: SoftwareTpm | undefined;
let dir: string;

beforeAll(async () => {
  if (!hasSoftwareTpm) return;
  tpm = await startSoftwareTpm('tpm-token', '1234');
  dir = tempDir();
  opensslCsr(dir, 'leaf');
});
afterAll(() => tpm?.stop());

describe.skipIf(!hasSoftwareTpm)('CA key in a TPM through tpm2-pkcs11', () => {
  for (const keyType of ['ec-p256', 'rsa-2048']) {
    it(`${keyType}: generated in the TPM, issues certificates and CRLs OpenSSL verifies`, () => {
      const env = { ...tpm!.env, IAMRA_CA_PASSPHRASE: undefined, IAMRA_CA_PIN: '1234' };
      const name = `tpm-${keyType}`;
      const init = iamra(dir, ['ca', 'init', '--ca', name, '--subject', `CN=${name} CA`, '--key-type', keyType, '--key', `pkcs11:token=tpm-token;object=${name}`, '--pkcs11-lib', TPM2_PKCS11_MODULE], env);
      expect(init.status, init.stderr).toBe(0);
      expect(init.stdout).toContain(`key: pkcs11:token=tpm-token;object=${name}?module-path=${TPM2_PKCS11_MODULE} (on the token, generated)`);
      expect(readdirSync(join(dir, name)).sort()).toEqual(['ca.crt', 'ca.db', 'ca.json']);
      const issued = iamra(dir, ['issue', '--ca', name, '--csr', 'leaf.csr', '--cert-out', `${name}.crt`], env);
      expect(issued.status, issued.stderr).toBe(0);
      const crl = iamra(dir, ['crl', 'generate', '--ca', name, '--out', `${name}.crl`], env);
      expect(crl.status, crl.stderr).toBe(0);
      const verify = openssl(['verify', '-CAfile', join(name, 'ca.crt'), '-crl_check', '-CRLfile', `${name}.crl`, `${name}.crt`], dir);
      expect(verify.stdout.trim(), verify.stderr).toBe(`${name}.crt: OK`);
    });
  }
});
