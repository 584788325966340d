// A CA whose key lives on a PKCS#11 token (SoftHSM2), through the built CLI: `ca init --key
// pkcs11:...` generates (or reuses) the key on the token, no key file ever exists in the CA
// directory, and OpenSSL verifies what `issue` and `crl generate` sign on the token.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError, iamra, openssl, opensslCsr, sqlite, tempDir, writeText } from '../support/ca-fixture.js';
import { createSoftHsmToken, hasSoftHsm, setPrivateKeyFlags, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';

let token: SoftHsmToken;
let dir: string;
let pinFile: string;

beforeAll(() => {
  if (!hasSoftHsm) return;
  token = createSoftHsmToken('ca-token');
  dir = tempDir();
  pinFile = writeText(dir, 'pin.txt', '1234\n');
  opensslCsr(dir, 'leaf');
});
afterAll(() => token?.remove());

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  return iamra(dir, args, { ...token.env, IAMRA_CA_PASSPHRASE: undefined, ...env });
}

/** ca.json's "key": where the CA key is. */
function recordedKey(name: string): string {
  return (JSON.parse(readFileSync(join(dir, name, 'ca.json'), 'utf8')) as { key: string }).key;
}

function initTokenCa(name: string, keyType: string, uri: string, env: Record<string, string | undefined> = {}) {
  return cli(['ca', 'init', '--ca', name, '--subject', `CN=${name} token CA,O=Example`, '--key-type', keyType, '--key', uri, '--pkcs11-lib', SOFTHSM_MODULE], env);
}

/** Issues two certificates, revokes the second, and checks both with openssl verify -crl_check. */
function issueRevokeAndVerify(name: string, env: Record<string, string | undefined> = {}): void {
  for (const leaf of ['kept', 'revoked']) {
    const issued = cli(['issue', '--ca', name, '--csr', 'leaf.csr', '--subject', `CN=${name}-${leaf}`, '--cert-out', `${name}-${leaf}.crt`], env);
    expect(issued.status, issued.stderr).toBe(0);
  }
  expect(cli(['revoke', '--ca', name, `${name}-revoked.crt`, '--reason', 'keyCompromise']).status).toBe(0);
  const crl = cli(['crl', 'generate', '--ca', name, '--out', `${name}.crl`], env);
  expect(crl.status, crl.stderr).toBe(0);
  const verify = (cert: string) => openssl(['verify', '-CAfile', join(name, 'ca.crt'), '-crl_check', '-CRLfile', `${name}.crl`, cert], dir);
  const kept = verify(`${name}-kept.crt`);
  expect(kept.stdout.trim(), kept.stderr).toBe(`${name}-kept.crt: OK`);
  const revoked = verify(`${name}-revoked.crt`);
  expect(revoked.status).not.toBe(0);
  expect(revoked.stdout + revoked.stderr).toContain('certificate revoked');
  expect(openssl(['crl', '-in', `${name}.crl`, '-noout', '-CAfile', join(name, 'ca.crt')], dir).stderr).toContain('verify OK');
}

describe.skipIf(!hasSoftHsm)('ca init --key pkcs11:...', () => {
  for (const keyType of ['ec-p256', 'ec-p384', 'rsa-2048']) {
    it(`${keyType}: key generated on the token, certificates and CRLs signed there, no key file`, () => {
      const name = `ca-${keyType}`;
      const init = initTokenCa(name, keyType, `pkcs11:token=ca-token;object=${name}?pin-source=${pinFile}`);
      expect(init.status, init.stderr).toBe(0);
      const recorded = `pkcs11:token=ca-token;object=${name}?pin-source=${pinFile}&module-path=${SOFTHSM_MODULE}`;
      expect(init.stdout).toContain(`key: ${recorded} (on the token, generated)`);
      expect(recordedKey(name)).toBe(recorded);
      expect(readdirSync(join(dir, name)).sort()).toEqual(['ca.crt', 'ca.db', 'ca.json']);
      issueRevokeAndVerify(name);
      expect(readdirSync(join(dir, name)).filter((f) => /key|\.pem$/.test(f))).toEqual([]);
      const selfSigned = openssl(['verify', '-CAfile', join(name, 'ca.crt'), join(name, 'ca.crt')], dir);
      expect(selfSigned.status, selfSigned.stderr).toBe(0);
    });
  }

  it('the key is sensitive and never extractable; the recorded reference has no PIN', () => {
    const init = initTokenCa('ca-pinvalue', 'ec-p256', 'pkcs11:token=ca-token;object=ca-pinvalue?pin-value=1234');
    expect(init.status, init.stderr).toBe(0);
    expect(recordedKey('ca-pinvalue')).toBe(`pkcs11:token=ca-token;object=ca-pinvalue?module-path=${SOFTHSM_MODULE}`);
    expect(init.stdout + dumpDatabase(join(dir, 'ca-pinvalue')) + readFileSync(join(dir, 'ca-pinvalue', 'ca.json'), 'utf8')).not.toMatch(/pin-value|1234/);
    const listing = token.run(['--list-objects', '--type', 'privkey', '--label', 'ca-pinvalue']);
    expect(listing).toMatch(/Access:\s+sensitive, always sensitive, never extractable/);
    // The PIN now comes from $IAMRA_CA_PIN (or a terminal); without either the CA says so.
    issueRevokeAndVerify('ca-pinvalue', { IAMRA_CA_PIN: '1234' });
    const before = dumpDatabase(join(dir, 'ca-pinvalue'));
    const refused = cli(['issue', '--ca', 'ca-pinvalue', '--csr', 'leaf.csr', '--subject', 'CN=no-pin']);
    expect(expectUserError(refused, 3)).toMatch(/^iamra: cannot log in to token ca-token: no PIN given and no terminal to ask on \(pkcs11:token=ca-token;object=ca-pinvalue\?module-path=\/usr\/lib\/softhsm\/libsofthsm2\.so\)\./);
    expect(dumpDatabase(join(dir, 'ca-pinvalue'))).toBe(before);
  });

  it('uses an existing token key as it is', () => {
    token.generateKey({ type: 'EC:secp384r1', label: 'made-earlier', id: 'a1' });
    const init = initTokenCa('ca-existing', 'ec-p256', `pkcs11:token=ca-token;id=%a1?pin-source=${pinFile}`);
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('(on the token, existing key)');
    expect(sqlite(join(dir, 'ca-existing'), "select value from settings where key = 'ca.keyType'").trim()).toBe('ec-p384');
    issueRevokeAndVerify('ca-existing');
  });

  it('ca.json names the key: another token key is refused, and so is a PIN written into it', () => {
    const name = 'ca-edited';
    expect(initTokenCa(name, 'ec-p256', `pkcs11:token=ca-token;object=${name}?pin-source=${pinFile}`).status).toBe(0);
    const config = join(dir, name, 'ca.json');
    const original = readFileSync(config, 'utf8');
    const before = dumpDatabase(join(dir, name));
    token.generateKey({ type: 'EC:prime256v1', label: 'stranger', id: 'b2' });
    writeFileSync(config, original.replace(`object=${name}`, 'object=stranger'));
    const mismatch = cli(['issue', '--ca', name, '--csr', 'leaf.csr', '--subject', 'CN=other-key']);
    expect(expectUserError(mismatch, 3)).toMatch(/^iamra: cannot use CA key pkcs11:token=ca-token;object=stranger\?pin-source=.*: it does not match the CA certificate\. Point "key" in ca\.json at the token key the CA certificate was made for\.$/);
    writeFileSync(config, original.replace(`pin-source=${pinFile}`, 'pin-value=1234'));
    const withPin = cli(['crl', 'generate', '--ca', name]);
    expect(expectUserError(withPin, 3)).toMatch(/^iamra: cannot use CA configuration .*ca\.json: "key" holds a pin-value, and a PIN is never stored there \(use pin-source=FILE or \$IAMRA_CA_PIN\)\./);
    expect(withPin.stderr).not.toContain('1234');
    expect(dumpDatabase(join(dir, name))).toBe(before);
    writeFileSync(config, original);
    issueRevokeAndVerify(name);
  });
});

describe.skipIf(!hasSoftHsm)('ca init --key: bad input leaves no CA behind', () => {
  const cases = [
    { name: 'wrong PIN', uri: 'pkcs11:token=ca-token;object=x?pin-value=9999', status: 3, line: /^iamra: cannot log in to token ca-token: wrong PIN \(pkcs11:token=ca-token;object=x\)\./ },
    { name: 'missing token', uri: 'pkcs11:token=elsewhere;object=x?pin-value=1234', status: 3, line: /^iamra: cannot find the PKCS#11 token: no token matches/ },
    { name: 'no object or id', uri: 'pkcs11:token=ca-token?pin-value=1234', status: 2, line: /^iamra: invalid PKCS#11 URI: a new key needs object= \(its label\) or id=/ },
    { name: 'a key file reference', uri: 'file:ca.key', status: 2, line: /^iamra: invalid --key: ca init takes a pkcs11: URI \(file:ca\.key\)\./ },
    { name: 'bad URI', uri: 'pkcs11:token=ca-token;object=%zz', status: 2, line: /^iamra: invalid PKCS#11 URI: bad percent-encoding/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const name = `bad-${c.name.replace(/\W+/g, '-')}`;
      const result = initTokenCa(name, 'ec-p256', c.uri);
      expect(expectUserError(result, c.status)).toMatch(c.line);
      expect(result.stderr).not.toMatch(/9999|1234/);
      expect(existsSync(join(dir, name))).toBe(false);
    });
  }

  it('an existing key the CA cannot sign with: an unsupported curve, CKA_SIGN false', () => {
    token.generateKey({ type: 'EC:secp256k1', label: 'k1-key', id: 'c1' });
    token.generateKey({ type: 'rsa:2048', label: 'no-sign-key', id: 'c2' });
    setPrivateKeyFlags(token, 'no-sign-key', { CKA_SIGN: false, CKA_DECRYPT: true });
    const k1 = initTokenCa('bad-curve', 'ec-p256', `pkcs11:token=ca-token;object=k1-key?pin-source=${pinFile}`);
    expect(expectUserError(k1, 3)).toMatch(/^iamra: cannot use the token key: its EC curve secp256k1 is not one of P-256, P-384, P-521 \(pkcs11:.*object=k1-key;id=%c1;type=private; /);
    const noSign = initTokenCa('bad-no-sign', 'rsa-2048', `pkcs11:token=ca-token;object=no-sign-key?pin-source=${pinFile}`);
    expect(expectUserError(noSign, 3)).toMatch(/^iamra: cannot sign with the token key no-sign-key: the key is not allowed to sign \(CKA_SIGN is false\) /);
    expect(existsSync(join(dir, 'bad-curve'))).toBe(false);
    expect(existsSync(join(dir, 'bad-no-sign'))).toBe(false);
  });

  it('module not found', () => {
    const result = cli(['ca', 'init', '--ca', 'bad-module', '--subject', 'CN=x', '--key', 'pkcs11:token=ca-token;object=x?pin-value=1234', '--pkcs11-lib', '/nonexistent/p11.so']);
    expect(expectUserError(result, 3)).toBe("iamra: cannot load PKCS#11 module: no such file (/nonexistent/p11.so). Check --pkcs11-lib or the URI's module-path.");
    expect(existsSync(join(dir, 'bad-module'))).toBe(false);
  });
});
