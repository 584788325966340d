// issueCertificate: the Roles Anywhere profile, CA validity bounds and retry on a serial collision.
import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCa } from './init-ca.js';
import { issueCertificate } from './issue-certificate.js';
import { openCa } from './open-ca.js';
import { nameAttribute } from './x509/distinguished-name.js';

async function setUp() {
  const dir = join(mkdtempSync(join(tmpdir(), 'iamra-issue-')), 'ca');
  let counter = 0;
  const randomBytes = (size: number) => Buffer.alloc(size, ++counter);
  await initCa({ dir, subject: [nameAttribute('CN', 'Unit CA')], keyType: 'ec-p256', validitySeconds: 10 * 86_400, isIntermediate: false, allowUntaggable: false, now: new Date(), randomBytes, actor: 'unit' });
  const ca = await openCa({ dir });
  const signer = await ca.signer(async () => 'unused');
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { ca, signer, publicKey, spki: publicKey.export({ format: 'der', type: 'spki' }) };
}

describe('issueCertificate', () => {
  it('retries with a new serial when the random one is taken', async () => {
    const { ca, signer, publicKey, spki } = await setUp();
    const fixed = (size: number) => Buffer.alloc(size, 0x42);
    const base = { store: ca.store, signer, publicKey, subjectPublicKeyInfo: spki, subject: [nameAttribute('CN', 'w')], sans: [], allowUntaggable: false, now: new Date(), actor: 'unit' };
    const first = await issueCertificate({ ...base, randomBytes: fixed });
    let calls = 0;
    const secondTry = (size: number) => (++calls === 1 ? Buffer.alloc(size, 0x42) : Buffer.alloc(size, 0x43));
    const second = await issueCertificate({ ...base, randomBytes: secondTry });
    expect(calls).toBe(2);
    expect(first.serialHex).toBe('42'.repeat(16));
    expect(second.serialHex).toBe('43'.repeat(16));
    expect(new X509Certificate(second.der).serialNumber.toLowerCase()).toBe(second.serialHex);
    await expect(issueCertificate({ ...base, randomBytes: fixed })).rejects.toThrow(expect.objectContaining({ code: 'SERIAL_COLLISIONS' }));
    expect(await ca.store.listCertificates({ now: new Date() })).toHaveLength(2);
    await ca.close();
  });

  it('issues inside the CA validity and refuses once the CA has expired', async () => {
    const { ca, signer, publicKey, spki } = await setUp();
    const base = { store: ca.store, signer, publicKey, subjectPublicKeyInfo: spki, subject: [nameAttribute('CN', 'w')], sans: [], allowUntaggable: false, randomBytes: (n: number) => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ format: 'der', type: 'spki' }).subarray(-n), actor: 'unit' };
    const early = await issueCertificate({ ...base, now: new Date(signer.notBefore.getTime() - 3600_000), validitySeconds: 3600 });
    expect(early.notBefore).toEqual(signer.notBefore);
    expect(early.notAfter.getTime()).toBe(signer.notBefore.getTime() + 3600_000);
    const now = new Date(signer.notBefore.getTime() + 3600_000);
    const normal = await issueCertificate({ ...base, now, validitySeconds: 600 });
    expect(normal.notBefore.getTime()).toBe(now.getTime() - 60_000);
    expect(normal.notAfter.getTime()).toBe(now.getTime() + 600_000);
    const late = await issueCertificate({ ...base, now: new Date(signer.notAfter.getTime() - 60_000), validitySeconds: 86_400 });
    expect(late.notAfter).toEqual(signer.notAfter);
    expect(late.isClampedToCa).toBe(true);
    await expect(issueCertificate({ ...base, now: signer.notAfter })).rejects.toThrow(expect.objectContaining({ code: 'CA_EXPIRED' }));
    await ca.close();
  });
});
