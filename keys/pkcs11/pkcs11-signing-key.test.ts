// The token key against a real SoftHSM2 token: signatures verify with Node's crypto, the public
// key matches the token's, and each failure maps to its code without the PIN.
import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IamraError } from '../../errors.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, SOFTHSM_MODULE, type SoftHsmToken } from '../../test/support/softhsm.js';
import { openPkcs11SigningKey } from './pkcs11-signing-key.js';

const KEYS = [
  { type: 'EC:prime256v1', label: 'ec256', id: '01', algorithm: 'EC' },
  { type: 'EC:secp384r1', label: 'ec384', id: '02', algorithm: 'EC' },
  { type: 'rsa:2048', label: 'rsa2048', id: '03', algorithm: 'RSA' },
  { type: 'EC:secp521r1', label: 'ec521', id: '04', algorithm: 'EC' },
] as const;

async function failure(promise: Promise<unknown>): Promise<IamraError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(IamraError);
  return error as IamraError;
}

describe.skipIf(!hasSoftHsm)('openPkcs11SigningKey on SoftHSM2', () => {
  let token: SoftHsmToken;
  beforeAll(() => {
    token = createSoftHsmToken('unit-token');
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    for (const key of KEYS) token.run(['--keypairgen', '--key-type', key.type, '--label', key.label, '--id', key.id, '--usage-sign']);
    token.run(['--keypairgen', '--key-type', 'EC:prime192v1', '--label', 'p192', '--id', '30', '--usage-sign']);
    token.generateKey({ type: 'EC:prime256v1', label: 'twin', id: '10' });
    token.generateKey({ type: 'EC:prime256v1', label: 'twin', id: '11' });
    token.generateKey({ type: 'EC:prime256v1', label: 'always', id: '20', extraArgs: ['--always-auth'] });
  });
  afterAll(() => token.remove());

  for (const key of KEYS) {
    for (const digest of ['sha256', 'sha384', 'sha512'] as const) {
      it(`${key.type} signs with ${digest} and Node verifies the signature`, async () => {
        const signer = await openPkcs11SigningKey({ uri: `pkcs11:${token.uriBase};object=${key.label}?pin-value=1234`, modulePath: SOFTHSM_MODULE });
        try {
          expect(signer.algorithm).toBe(key.algorithm);
          // pkcs11-tool 0.23 cannot export P-384 and P-521 public keys ("cannot create EVP_PKEY").
          const isExported = key.type !== 'EC:secp384r1' && key.type !== 'EC:secp521r1';
          const tokenPublic = isExported ? createPublicKey(readTokenPublicKeyPem(token, key.id)) : signer.publicKey;
          expect(signer.publicKey.export({ format: 'der', type: 'spki' })).toEqual(tokenPublic.export({ format: 'der', type: 'spki' }));
          if (!isExported) expect(signer.publicKey.asymmetricKeyDetails?.namedCurve).toBe(key.type.slice(3));
          const data = Buffer.from(`message for ${key.label}`);
          const signature = await signer.sign(data, digest);
          expect(verify(digest, data, tokenPublic, signature)).toBe(true);
          expect(verify(digest, Buffer.from('other'), tokenPublic, signature)).toBe(false);
        } finally {
          await signer.close();
        }
      });
    }
  }

  it('finds the key by id (percent-encoded bytes) through p11-kit-less module-path', async () => {
    const signer = await openPkcs11SigningKey({ uri: `pkcs11:${token.uriBase};id=%03?pin-value=1234&module-path=${SOFTHSM_MODULE}` });
    expect(signer.algorithm).toBe('RSA');
    expect(signer.uri).toContain('object=rsa2048;id=%03;type=private');
    await signer.close();
    await signer.close();
  });

  const cases = [
    { name: 'wrong PIN', uri: () => `pkcs11:${token.uriBase};object=ec256?pin-value=9999`, code: 'PKCS11_PIN_INCORRECT', text: 'wrong PIN' },
    { name: 'missing token', uri: () => 'pkcs11:token=no-such-token;object=ec256?pin-value=1234', code: 'PKCS11_TOKEN_NOT_FOUND', text: 'tokens present: "unit-token"' },
    { name: 'missing object', uri: () => `pkcs11:${token.uriBase};object=nothing?pin-value=1234`, code: 'PKCS11_OBJECT_NOT_FOUND', text: 'no object matches' },
    { name: 'several objects', uri: () => `pkcs11:${token.uriBase};object=twin?pin-value=1234`, code: 'PKCS11_OBJECT_AMBIGUOUS', text: ';object=twin;id=%10;type=private' },
    { name: 'no PIN and no terminal', uri: () => `pkcs11:${token.uriBase};object=ec256`, code: 'PKCS11_PIN_REQUIRED', text: 'no PIN given' },
    { name: 'a curve without a name here (P-192)', uri: () => `pkcs11:${token.uriBase};object=p192?pin-value=1234`, code: 'PKCS11_KEY_UNSUPPORTED', text: 'its EC curve with OID 1.2.840.10045.3.1.1 is not one of P-256, P-384, P-521' },
    { name: 'certificate type', uri: () => `pkcs11:${token.uriBase};object=ec256;type=cert`, code: 'PKCS11_URI_INVALID', text: 'type=private' },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}`, async () => {
      const error = await failure(openPkcs11SigningKey({ uri: c.uri(), modulePath: SOFTHSM_MODULE }));
      expect(error.code).toBe(c.code);
      expect(error.message).toContain(c.text);
      expect(error.message).not.toMatch(/9999|1234/);
    });
  }

  it('CKA_ALWAYS_AUTHENTICATE: a context-specific login per signature, with --reuse-pin or a prompt', async () => {
    const uri = `pkcs11:${token.uriBase};object=always?pin-value=1234`;
    const reused = await openPkcs11SigningKey({ uri, modulePath: SOFTHSM_MODULE, isPinReused: true });
    const data = Buffer.from('always authenticate');
    for (let i = 0; i < 3; i++) expect(verify('sha256', data, reused.publicKey, await reused.sign(data))).toBe(true);
    await reused.close();
    const questions: string[] = [];
    const prompted = await openPkcs11SigningKey({ uri, modulePath: SOFTHSM_MODULE, prompt: async (q) => { questions.push(q); return '1234'; } });
    await prompted.sign(data);
    await prompted.sign(data);
    expect(questions).toEqual(['Enter the PIN of token unit-token (for this signature): ', 'Enter the PIN of token unit-token (for this signature): ']);
    const unasked = await openPkcs11SigningKey({ uri, modulePath: SOFTHSM_MODULE });
    const refused = await failure(unasked.sign(data));
    expect(refused.code).toBe('PKCS11_CONTEXT_PIN_REQUIRED');
    expect(refused.message).toMatch(/needs its PIN for every signature.*Pass --reuse-pin/);
    await unasked.close();
    const wrong = await openPkcs11SigningKey({ uri, modulePath: SOFTHSM_MODULE, prompt: async () => '0000' });
    expect((await failure(wrong.sign(data))).code).toBe('PKCS11_PIN_INCORRECT');
    await Promise.all([prompted.close(), wrong.close()]);
  });

  it('module not found and not a PKCS#11 module', async () => {
    const uri = `pkcs11:${token.uriBase};object=ec256?pin-value=1234`;
    expect((await failure(openPkcs11SigningKey({ uri, modulePath: '/nonexistent/libnothing.so' }))).code).toBe('PKCS11_MODULE_NOT_FOUND');
    expect((await failure(openPkcs11SigningKey({ uri, modulePath: '/etc/hostname' }))).code).toBe('PKCS11_MODULE_INVALID');
  });
});
