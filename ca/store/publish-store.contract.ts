// The PublishStore contract: pending imports, the import lease, what was sent, history and audit,
// the remembered target and entry digests. Every back end's test calls it with its factory.
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaStores } from './ca-stores.js';
import { freshStores, type StoreFactory } from './store-contract-support.js';

const ARN = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/6f18c3df-5ba9-47e8-88be-aa4833d0f612';
const OTHER = ARN.replace('6f18c3df', '00000000');
const target = { trustAnchorArn: ARN, region: 'us-east-1', endpoint: 'http://127.0.0.1:9', crlName: 'iamra-0011223344556677' };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const audit = (s: number, action: string) => ({ at: at(s), actor: 'test', action, detail: {} });
const guard = (expectedCrlId: string | undefined) => ({ expectedCrlId, leaseSeconds: 60 });
const sent = { crlId: 'c1', crlArn: 'arn:c1', crlNumber: 4, sha256: 'ab'.repeat(32), bytes: 400, publishedAt: at(2) };

export function publishStoreContract(factory: StoreFactory): void {
  describe(`PublishStore contract (${factory.name})`, () => {
    let stores: CaStores;

    beforeEach(async () => {
      stores = await freshStores(factory);
      return () => stores.close();
    });

    it('records a pending import, then what was sent, with history and audit', async () => {
      const store = stores.publishStore;
      expect(await store.recordPending(target, { since: at(1), crlNumber: 4, sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
      expect(await store.publication(ARN)).toEqual({ target, lastUsedAt: at(1), pending: { since: at(1), crlNumber: 4, sha256: sent.sha256 } });
      await store.recordSent(target, sent, 'imported', audit(2, 'crl.publish.imported'));
      expect(await store.publication(ARN)).toEqual({ target, lastUsedAt: at(2), sent });
      expect(await store.history(ARN, 10)).toEqual([{ at: at(2), trustAnchorArn: ARN, action: 'imported', crlNumber: 4, sha256: sent.sha256, bytes: 400, crlId: 'c1' }]);
      expect((await stores.certStore.auditLog()).map((e) => e.action)).toEqual(['crl.publish.imported']);
    });

    it('undoes a pending import the service refused, leaving the row as it was', async () => {
      const store = stores.publishStore;
      await store.recordPending(target, { since: at(1), sha256: sent.sha256 }, guard(undefined));
      await store.abandonPending(ARN, undefined);
      expect(await store.publication(ARN)).toBeUndefined();
      await store.recordSent(target, sent, 'imported', audit(2, 'x'));
      const previous = await store.publication(ARN);
      await store.recordPending({ ...target, crlName: 'other' }, { since: at(3), sha256: 'cd'.repeat(32) }, guard('c1'));
      await store.abandonPending(ARN, previous);
      expect(await store.publication(ARN)).toEqual(previous);
    });

    it('lets one publisher import at a time, and none after another recorded a CRL', async () => {
      const store = stores.publishStore;
      expect(await store.recordPending(target, { since: at(1), sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
      expect(await store.recordPending(target, { since: at(30), sha256: sent.sha256 }, guard(undefined))).toBe('busy');
      expect(await store.recordPending(target, { since: at(61), sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
      await store.recordSent(target, sent, 'imported', audit(62, 'x'));
      expect(await store.recordPending(target, { since: at(63), sha256: sent.sha256 }, guard(undefined))).toBe('changed');
      expect(await store.recordPending(target, { since: at(63), sha256: sent.sha256 }, guard('c1'))).toBe('recorded');
    });

    it('forgets a CRL deleted on the service but keeps the target', async () => {
      const store = stores.publishStore;
      await store.recordSent(target, sent, 'imported', audit(2, 'x'));
      await store.forgetSent(ARN, audit(3, 'crl.publish.deleted-on-service'));
      expect(await store.publication(ARN)).toEqual({ target, lastUsedAt: at(2) });
      expect(await store.history(ARN, 1)).toEqual([{ at: at(3), trustAnchorArn: ARN, action: 'forgotten', crlId: 'c1' }]);
      expect((await stores.certStore.auditLog()).map((e) => e.action)).toEqual(['x', 'crl.publish.deleted-on-service']);
    });

    it('remembers the most recently used target', async () => {
      const store = stores.publishStore;
      expect(await store.rememberedTarget()).toBeUndefined();
      await store.saveTarget(target, at(5));
      await store.saveTarget({ trustAnchorArn: OTHER, region: 'us-east-1', crlName: 'n' }, at(6));
      expect((await store.rememberedTarget())?.target.trustAnchorArn).toBe(OTHER);
      await store.saveTarget(target, at(7));
      expect((await store.rememberedTarget())?.target).toEqual(target);
    });

    it('lists every remembered target, most recently used first, each with its own endpoint and state', async () => {
      const store = stores.publishStore;
      expect(await store.publications()).toEqual([]);
      const other = { trustAnchorArn: OTHER, region: 'eu-west-1', crlName: 'n', profile: 'prod' };
      await store.saveTarget(target, at(5));
      await store.saveTarget(other, at(6));
      await store.recordSent(target, sent, 'imported', audit(7, 'crl.publish.imported'));
      expect(await store.publications()).toEqual([{ target, lastUsedAt: at(7), sent }, { target: other, lastUsedAt: at(6) }]);
    });

    it('keeps entry digests per CRL number', async () => {
      const store = stores.publishStore;
      expect(await store.entriesDigest(1)).toBeUndefined();
      await store.putEntriesDigest(1, 'd1');
      await store.putEntriesDigest(2, 'd2');
      expect([await store.entriesDigest(1), await store.entriesDigest(2)]).toEqual(['d1', 'd2']);
    });
  });
}
