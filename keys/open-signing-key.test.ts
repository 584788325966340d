// The key-reference seam: file: references through the file loader, pkcs11: through the token.
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IamraError } from '../errors.js';
import { createSoftHsmToken, hasSoftHsm, SOFTHSM_MODULE } from '../test/support/softhsm.js';
import { keyReferencePath, openSigningKey } from './open-signing-key.js';

const dir = mkdtempSync(join(tmpdir(), 'iamra-keyref-'));
const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
writeFileSync(join(dir, 'ca.key'), privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'secret' }));

describe('openSigningKey', () => {
  it.each([
    ['file:ca.key', '/ca/dir', '/ca/dir/ca.key'],
    ['file:/etc/iamra/ca.key', '/ca/dir', '/etc/iamra/ca.key'],
    ['file:///etc/iamra/ca.key', '/ca/dir', '/etc/iamra/ca.key'],
  ])('%s in %s is %s', (ref, base, path) => {
    expect(keyReferencePath(ref, base)).toBe(path);
  });

  it('opens an encrypted file: key relative to the base directory', async () => {
    const key = await openSigningKey('file:ca.key', { baseDir: dir, passphrase: async () => 'secret' });
    expect(key.algorithm).toBe('EC');
    const data = Buffer.from('tbs');
    expect(verify('sha256', data, publicKey, await key.sign(data))).toBe(true);
  });

  it('refuses a reference that is neither file: nor pkcs11:', async () => {
    const error = await openSigningKey('/etc/ca.key').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IamraError);
    expect((error as IamraError).code).toBe('KEY_REFERENCE_INVALID');
  });

  it('a missing file: key is KEY_UNREADABLE', async () => {
    const error = await openSigningKey('file:missing.key', { baseDir: dir }).catch((e: unknown) => e);
    expect((error as IamraError).code).toBe('KEY_UNREADABLE');
  });
});

describe.skipIf(!hasSoftHsm)('openSigningKey with a pkcs11: reference', () => {
  const token = createSoftHsmToken('keyref-token');
  afterAll(() => token.remove());

  it('opens the token key; the PIN option stands in for a prompt', async () => {
    process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
    token.generateKey({ type: 'rsa:2048', label: 'ref', id: '05' });
    const key = await openSigningKey('pkcs11:token=keyref-token;object=ref', { pkcs11Lib: SOFTHSM_MODULE, pin: '1234' });
    try {
      const data = Buffer.from('tbs');
      if (key.algorithm !== 'RSA') throw new Error(`expected an RSA key, got ${key.algorithm}`);
      expect(verify('sha256', data, key.publicKey, await key.sign(data))).toBe(true);
    } finally {
      await key.close?.();
    }
  });
});
