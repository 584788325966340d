// The CertStore contract: what every back end (SQLite, PostgreSQL) must do. A back end's
// test calls certStoreContract with its factory; nothing here knows which back end it runs on.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CertificateFilter } from './cert-store.js';
import { audit, certificate, freshStores, NOW, type StoreFactory } from './store-contract-support.js';

const WRITER = join(import.meta.dirname, '../../test/support/store-writer.ts');

/** Runs test/support/store-writer.ts in a child process against `location`. */
function runWriter(location: string, tag: string, count: number): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, location, tag, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

export function certStoreContract(factory: StoreFactory): void {
  describe(`CertStore contract (${factory.name})`, () => {
    it('stores a certificate with its audit entry, and a duplicate serial with neither', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      expect(await certStore.insertCertificate(certificate('0a'), audit('certificate.issue'))).toBe('inserted');
      expect(await certStore.insertCertificate({ ...certificate('0a'), subject: 'CN=other' }, audit('certificate.issue'))).toBe('serial-taken');
      expect((await certStore.auditLog()).map((a) => a.action)).toEqual(['certificate.issue']);
      expect(await certStore.findCertificate('0a')).toEqual({ ...certificate('0a'), template: undefined, revokedAt: undefined, revocationReason: undefined });
      expect(await certStore.findCertificate('0b')).toBeUndefined();
      await stores.close();
    });

    it('revokes once, reports an already revoked certificate with its record, and unknown serials', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0b'), audit('certificate.issue'));
      const entry = { serialHex: '0b', revokedAt: NOW, reason: 'superseded' as const };
      expect(await certStore.revokeCertificate(entry, audit('certificate.revoke'))).toEqual({ outcome: 'revoked' });
      const again = await certStore.revokeCertificate({ ...entry, reason: 'keyCompromise' }, audit('certificate.revoke'));
      expect(again).toMatchObject({ outcome: 'already-revoked', record: { serialHex: '0b', revokedAt: NOW, revocationReason: 'superseded' } });
      expect(await certStore.revokeCertificate({ ...entry, serialHex: '0c' }, audit('certificate.revoke'))).toEqual({ outcome: 'not-found' });
      expect((await certStore.auditLog()).map((a) => a.action)).toEqual(['certificate.issue', 'certificate.revoke']);
      await stores.close();
    });

    it('lists oldest first, filtered by status, expiry and subject (contains or glob, wildcards in the text literal)', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('01', '2026-06-10T00:00:00.000Z', 'CN=web-1,O=Example'), audit('i'));
      await certStore.insertCertificate(certificate('02', '2026-05-01T00:00:00.000Z', 'CN=old'), audit('i'));
      await certStore.insertCertificate(certificate('03', '2026-12-01T00:00:00.000Z', 'CN=web_2'), audit('i'));
      await certStore.insertCertificate(certificate('04', '2026-12-01T00:00:00.000Z', 'CN=100% WEB'), audit('i'));
      await certStore.revokeCertificate({ serialHex: '03', revokedAt: NOW, reason: 'keyCompromise' }, audit('r'));
      const serials = async (filter: Partial<CertificateFilter>) => (await certStore.listCertificates({ now: NOW, ...filter })).map((c) => c.serialHex);
      expect(await serials({})).toEqual(['01', '02', '03', '04']);
      expect(await serials({ status: 'valid' })).toEqual(['01', '04']);
      expect(await serials({ status: 'expired' })).toEqual(['02']);
      expect(await serials({ status: 'revoked' })).toEqual(['03']);
      expect(await serials({ notAfterBefore: new Date('2026-07-01T00:00:00Z') })).toEqual(['01', '02']);
      expect(await serials({ subjectContains: 'web' })).toEqual(['01', '03', '04']);
      expect(await serials({ subjectContains: 'web_' })).toEqual(['03']);
      expect(await serials({ subjectContains: '0%' })).toEqual(['04']);
      expect(await serials({ subjectGlob: 'CN=web*' })).toEqual(['01', '03']);
      expect(await serials({ subjectGlob: 'CN=web' })).toEqual([]);
      expect(await serials({ subjectGlob: '*=Example' })).toEqual(['01']);
      expect(await serials({ subjectContains: 'web', status: 'valid', notAfterBefore: new Date('2026-07-01T00:00:00Z') })).toEqual(['01']);
      await stores.close();
    });

    it('folds ASCII letters only in subject filters, as SQLite\'s LIKE does: É, é, the Kelvin sign and a decomposed é stay themselves', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      const subjects = ['CN=Élodie,O=Example', 'CN=élodie', 'CN=ÉLODIE', 'CN=Web-Node,O=EXAMPLE', 'CN=\u212Aey', 'CN=e\u0301lodie'];
      for (const [i, subject] of subjects.entries()) await certStore.insertCertificate(certificate(`0${i + 1}`, undefined, subject), audit('i'));
      const serials = async (filter: Partial<CertificateFilter>) => (await certStore.listCertificates({ now: NOW, ...filter })).map((c) => c.serialHex);
      expect(await serials({ subjectContains: 'élodie' })).toEqual(['02']);
      expect(await serials({ subjectContains: 'ÉLODIE'.toLowerCase() })).toEqual(['02']);
      expect(await serials({ subjectContains: 'ÉLODIE' })).toEqual(['01', '03']);
      expect(await serials({ subjectContains: 'Élodie' })).toEqual(['01', '03']);
      expect(await serials({ subjectContains: 'LODIE' })).toEqual(['01', '02', '03', '06']);
      expect(await serials({ subjectContains: 'web-node,o=example' })).toEqual(['04']);
      expect(await serials({ subjectContains: 'key' })).toEqual([]);
      expect(await serials({ subjectContains: '\u212AEY' })).toEqual(['05']);
      expect(await serials({ subjectGlob: 'cn=web-*' })).toEqual(['04']);
      expect(await serials({ subjectGlob: 'CN=É*' })).toEqual(['01', '03']);
      expect(await serials({ subjectGlob: 'cn=é*' })).toEqual(['02']);
      expect(await serials({ subjectGlob: 'CN=ÉLODIE'.toLowerCase() })).toEqual(['02']);
      expect(await serials({ subjectGlob: 'cn=e\u0301*' })).toEqual(['06']);
      await stores.close();
    });

    it('filters by template, finds by serial prefix, and links renewals to the certificate they renewed', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate({ ...certificate('0a11'), template: 'web' }, audit('i'));
      await certStore.insertCertificate(certificate('0a12'), audit('i'));
      await certStore.insertCertificate(certificate('0b'), audit('i'));
      await certStore.insertCertificate({ ...certificate('0c'), template: 'web', renewedFrom: '0a11' }, audit('certificate.renew'));
      await certStore.insertCertificate({ ...certificate('0d'), renewedFrom: '0a11' }, audit('certificate.renew'));
      expect((await certStore.listCertificates({ now: NOW, template: 'web' })).map((c) => c.serialHex)).toEqual(['0a11', '0c']);
      expect((await certStore.listCertificates({ now: NOW, template: 'we' })).map((c) => c.serialHex)).toEqual([]);
      const byPrefix = async (prefix: string, limit = 10) => (await certStore.findCertificatesBySerialPrefix(prefix, limit)).map((c) => c.serialHex);
      expect(await byPrefix('0a')).toEqual(['0a11', '0a12']);
      expect(await byPrefix('0a', 1)).toEqual(['0a11']);
      expect(await byPrefix('0a12')).toEqual(['0a12']);
      expect(await byPrefix('0e')).toEqual([]);
      expect(await byPrefix('')).toEqual(['0a11', '0a12', '0b', '0c', '0d']);
      expect((await certStore.findCertificate('0c'))?.renewedFrom).toBe('0a11');
      expect((await certStore.findCertificate('0a11'))?.renewedFrom).toBeUndefined();
      expect((await certStore.renewalsOf('0a11')).map((c) => c.serialHex)).toEqual(['0c', '0d']);
      expect(await certStore.renewalsOf('0b')).toEqual([]);
      await stores.close();
    });

    it('stores a renewal with the old certificate\'s revocation (superseded) and both audit entries, together', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0a'), audit('certificate.issue'));
      const supersession = { revokedAt: NOW, audit: { ...audit('certificate.revoke'), serialHex: '0a' } };
      expect(await certStore.insertRenewal({ ...certificate('0b'), renewedFrom: '0a' }, { ...audit('certificate.renew'), serialHex: '0b' }, supersession)).toEqual({ outcome: 'inserted' });
      expect(await certStore.findCertificate('0b')).toMatchObject({ serialHex: '0b', renewedFrom: '0a', revokedAt: undefined });
      expect(await certStore.findCertificate('0a')).toMatchObject({ revokedAt: NOW, revocationReason: 'superseded' });
      expect((await certStore.renewalsOf('0a')).map((c) => c.serialHex)).toEqual(['0b']);
      expect(await certStore.crlSnapshot(NOW)).toEqual({ entries: [{ serialHex: '0a', revokedAt: NOW, reason: 'superseded' }], lastCrlNumber: 0 });
      expect((await certStore.auditLog()).map((a) => [a.action, a.serialHex])).toEqual([['certificate.issue', undefined], ['certificate.renew', '0b'], ['certificate.revoke', '0a']]);
      await stores.close();
    });

    it('stores nothing of a renewal whose old certificate was revoked meanwhile, is unknown, or whose serial is taken', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0a'), audit('certificate.issue'));
      await certStore.insertCertificate(certificate('0c'), audit('certificate.issue'));
      // Another process revokes 0a after the renewal checked it and before the renewal commits.
      await certStore.revokeCertificate({ serialHex: '0a', revokedAt: NOW, reason: 'keyCompromise' }, audit('certificate.revoke'));
      const before = { listed: await certStore.listCertificates({ now: NOW }), log: await certStore.auditLog() };
      const supersession = { revokedAt: new Date(NOW.getTime() + 1000), audit: audit('certificate.revoke') };
      const renew = (serialHex: string, renewedFrom: string) => certStore.insertRenewal({ ...certificate(serialHex), renewedFrom }, audit('certificate.renew'), supersession);
      expect(await renew('0b', '0a')).toMatchObject({ outcome: 'already-revoked', record: { serialHex: '0a', revokedAt: NOW, revocationReason: 'keyCompromise' } });
      expect(await renew('0b', 'ff')).toEqual({ outcome: 'not-found' });
      expect(await renew('0a', '0c')).toEqual({ outcome: 'serial-taken' });
      expect({ listed: await certStore.listCertificates({ now: NOW }), log: await certStore.auditLog() }).toEqual(before);
      expect(await certStore.findCertificate('0b')).toBeUndefined();
      expect(await certStore.renewalsOf('0c')).toEqual([]);
      await stores.close();
    });

    it('stores nothing of a renewal whose revocation part fails in the database', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0a'), audit('certificate.issue'));
      await factory.refuseRevocations(stores.location);
      const before = { listed: await certStore.listCertificates({ now: NOW }), log: await certStore.auditLog() };
      const renewal = certStore.insertRenewal({ ...certificate('0b'), renewedFrom: '0a' }, audit('certificate.renew'), { revokedAt: NOW, audit: audit('certificate.revoke') });
      // Each back end words the database's error its own way; what matters is what is left.
      await expect(renewal).rejects.toThrow(Error);
      expect({ listed: await certStore.listCertificates({ now: NOW }), log: await certStore.auditLog() }).toEqual(before);
      expect(await certStore.findCertificate('0b')).toBeUndefined();
      await stores.close();
    });

    it('a renewal racing a revocation of the same certificate: one wins whole, the other changes nothing', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0a'), audit('certificate.issue'));
      const [revoked, renewed] = await Promise.all([
        certStore.revokeCertificate({ serialHex: '0a', revokedAt: NOW, reason: 'keyCompromise' }, audit('certificate.revoke')),
        certStore.insertRenewal({ ...certificate('0b'), renewedFrom: '0a' }, audit('certificate.renew'), { revokedAt: NOW, audit: audit('certificate.revoke') }),
      ]);
      const isRenewalFirst = renewed.outcome === 'inserted';
      expect([revoked.outcome, renewed.outcome]).toEqual(isRenewalFirst ? ['already-revoked', 'inserted'] : ['revoked', 'already-revoked']);
      expect((await certStore.findCertificate('0a'))?.revocationReason).toBe(isRenewalFirst ? 'superseded' : 'keyCompromise');
      expect((await certStore.listCertificates({ now: NOW })).map((c) => c.serialHex)).toEqual(isRenewalFirst ? ['0a', '0b'] : ['0a']);
      const actions = (await certStore.auditLog()).map((a) => a.action);
      expect(actions).toEqual(isRenewalFirst ? ['certificate.issue', 'certificate.renew', 'certificate.revoke'] : ['certificate.issue', 'certificate.revoke']);
      await stores.close();
    });

    it('snapshots revoked, unexpired certificates with the last CRL number, and refuses a CRL number twice', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('01'), audit('i'));
      await certStore.insertCertificate(certificate('02', '2026-05-01T00:00:00.000Z'), audit('i'));
      await certStore.insertCertificate(certificate('03'), audit('i'));
      for (const serialHex of ['01', '02']) await certStore.revokeCertificate({ serialHex, revokedAt: NOW, reason: 'keyCompromise' }, audit('r'));
      expect(await certStore.crlSnapshot(NOW)).toEqual({ entries: [{ serialHex: '01', revokedAt: NOW, reason: 'keyCompromise' }], lastCrlNumber: 0 });
      expect(await certStore.latestCrl()).toBeUndefined();
      const crl = { crlNumber: 1, thisUpdate: NOW, nextUpdate: NOW, entryCount: 1, der: Buffer.from([0x30, 0]) };
      expect(await certStore.insertCrl(crl, audit('crl.generate'))).toBe('inserted');
      expect(await certStore.insertCrl({ ...crl, der: Buffer.from([0x30, 1]) }, audit('crl.generate'))).toBe('number-taken');
      expect((await certStore.crlSnapshot(NOW)).lastCrlNumber).toBe(1);
      expect(await certStore.latestCrl()).toEqual(crl);
      expect((await certStore.auditLog()).filter((a) => a.action === 'crl.generate')).toHaveLength(1);
      await stores.close();
    });

    it('keeps templates and settings, each change audited', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      expect(await certStore.getSetting('ca.state')).toBeUndefined();
      await certStore.putSettings({ 'ca.state': 'pending', 'ca.keyType': 'ec-p256' }, audit('ca.init'));
      await certStore.putSettings({ 'ca.state': 'active' }, audit('ca.import-cert'));
      expect([await certStore.getSetting('ca.state'), await certStore.getSetting('ca.keyType')]).toEqual(['active', 'ec-p256']);
      expect(await certStore.putTemplate('web', '{"a":1}', audit('template.set'))).toBe('created');
      expect(await certStore.putTemplate('batch', '{"b":2}', audit('template.set'))).toBe('created');
      expect(await certStore.putTemplate('web', '{"a":3}', audit('template.set'))).toBe('replaced');
      expect(await certStore.getTemplate('web')).toBe('{"a":3}');
      expect(await certStore.listTemplates()).toEqual([{ name: 'batch', body: '{"b":2}' }, { name: 'web', body: '{"a":3}' }]);
      expect(await certStore.deleteTemplate('web', audit('template.delete'))).toBe(true);
      expect(await certStore.deleteTemplate('web', audit('template.delete'))).toBe(false);
      expect(await certStore.getTemplate('web')).toBeUndefined();
      expect(await certStore.putTemplate('web', '{"a":4}', audit('template.set'))).toBe('created');
      expect((await certStore.auditLog()).map((a) => a.action)).toEqual(['ca.init', 'ca.import-cert', 'template.set', 'template.set', 'template.set', 'template.delete', 'template.set']);
      await stores.close();
    });

    it('returns the audit log in order, with ids, serials and details', async () => {
      const stores = await freshStores(factory);
      const { certStore } = stores;
      await certStore.insertCertificate(certificate('0d'), { ...audit('certificate.issue'), serialHex: '0d', detail: { subject: 'CN=0d', sans: ['dns:a'] } });
      await certStore.putSettings({ x: 'y' }, audit('ca.init', new Date(NOW.getTime() + 1000)));
      const log = await certStore.auditLog();
      expect(log.map(({ id: _id, ...rest }) => rest)).toEqual([
        { at: NOW, actor: 'test', action: 'certificate.issue', serialHex: '0d', detail: { subject: 'CN=0d', sans: ['dns:a'] } },
        { at: new Date(NOW.getTime() + 1000), actor: 'test', action: 'ca.init', serialHex: undefined, detail: { note: 'ca.init' } },
      ]);
      expect(log[0]!.id).toBeLessThan(log[1]!.id);
      await stores.close();
    });

    it('two processes writing at once lose nothing: every certificate kept, CRL numbers unique', async () => {
      const stores = await freshStores(factory);
      const results = await Promise.all([runWriter(stores.location, 'a', 40), runWriter(stores.location, 'b', 40)]);
      for (const result of results) expect(result).toEqual({ status: 0, stderr: '' });
      const { certStore } = stores;
      const listed = await certStore.listCertificates({ now: NOW });
      expect(listed).toHaveLength(80);
      expect(new Set(listed.map((c) => c.serialHex)).size).toBe(80);
      const log = await certStore.auditLog();
      expect(log.filter((a) => a.action === 'certificate.issue')).toHaveLength(80);
      // Each writer stores a CRL after every 10th certificate, retrying on a taken number.
      expect(log.filter((a) => a.action === 'crl.generate')).toHaveLength(8);
      expect((await certStore.latestCrl())?.crlNumber).toBe(8);
      expect((await certStore.crlSnapshot(NOW)).lastCrlNumber).toBe(8);
      await stores.close();
    });
  });
}
