// buildCrl: a CRL number taken by another process is retried, and an oversized CRL stores nothing.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCrl } from './build-crl.js';
import { initCa } from './init-ca.js';
import { openCa } from './open-ca.js';
import type { CertStore } from './store/cert-store.js';
import { nameAttribute } from './x509/distinguished-name.js';

async function setUp(revoked: number) {
  const dir = join(mkdtempSync(join(tmpdir(), 'iamra-crl-')), 'ca');
  let counter = 0;
  const randomBytes = (size: number) => Buffer.alloc(size, ++counter);
  await initCa({ dir, subject: [nameAttribute('CN', 'CRL CA')], keyType: 'ec-p256', validitySeconds: 86_400, isIntermediate: false, allowUntaggable: false, now: new Date(), randomBytes, actor: 'unit' });
  const ca = await openCa({ dir });
  const signer = await ca.signer(async () => 'unused');
  const now = new Date();
  for (let i = 1; i <= revoked; i++) {
    const serialHex = i.toString(16).padStart(32, '0').replace(/^00/, '7f');
    await ca.store.insertCertificate({ serialHex, subject: `CN=${i}`, notBefore: now, notAfter: new Date(now.getTime() + 3600_000), issuedAt: now, keyType: 'ec-p256', der: Buffer.from([0]) }, { at: now, actor: 'unit', action: 'certificate.issue', detail: {} });
    await ca.store.revokeCertificate({ serialHex, revokedAt: now, reason: 'superseded' }, { at: now, actor: 'unit', action: 'certificate.revoke', detail: {} });
  }
  return { ca, signer };
}

describe('buildCrl', () => {
  it('takes the next number when another process stored one meanwhile', async () => {
    const { ca, signer } = await setUp(2);
    let raced = false;
    const racingStore: CertStore = Object.create(ca.store) as CertStore;
    racingStore.insertCrl = async (record, audit) => {
      if (!raced) {
        raced = true;
        await ca.store.insertCrl({ ...record, der: Buffer.from([0x30, 0]) }, { ...audit, actor: 'other process' });
      }
      return ca.store.insertCrl(record, audit);
    };
    const crl = await buildCrl({ store: racingStore, signer, now: new Date(), nextUpdateSeconds: 3600, actor: 'unit' });
    expect(crl.crlNumber).toBe(2);
    expect(crl.entryCount).toBe(2);
    const text = spawnSync('openssl', ['crl', '-inform', 'DER', '-noout', '-crlnumber'], { input: crl.der, encoding: 'latin1' }).stdout;
    expect(text.trim()).toBe('crlNumber=0x02');
    expect((await ca.store.latestCrl())?.der.equals(crl.der)).toBe(true);
    await ca.close();
  });

  it('refuses a CRL over maxBytes and stores nothing', async () => {
    const { ca, signer } = await setUp(50);
    const auditBefore = (await ca.store.auditLog()).length;
    await expect(buildCrl({ store: ca.store, signer, now: new Date(), nextUpdateSeconds: 3600, maxBytes: 1000, actor: 'unit' })).rejects.toThrow(expect.objectContaining({ code: 'CRL_TOO_LARGE' }));
    expect(await ca.store.latestCrl()).toBeUndefined();
    expect(await ca.store.auditLog()).toHaveLength(auditBefore);
    const crl = await buildCrl({ store: ca.store, signer, now: new Date(), nextUpdateSeconds: 3600, actor: 'unit' });
    expect(crl).toMatchObject({ crlNumber: 1, entryCount: 50 });
    expect(crl.pem.length).toBeGreaterThan(1000);
    await ca.close();
  });
});
