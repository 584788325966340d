// The emulator's StateStore contract: what every back end (memory, SQLite, later others) must do
// for the service. A back end's test calls stateStoreContract with its factory.
import { describe, expect, it } from 'vitest';
import { sampleRecord, type StateStoreFactory } from './state-store-contract-support.js';
import { RESOURCE_KINDS, type StateStore } from './state-store.js';

async function freshStore(factory: StateStoreFactory): Promise<{ store: StateStore; location: string }> {
  const location = await factory.freshLocation();
  return { store: await factory.open(location), location };
}

export function stateStoreContract(factory: StateStoreFactory): void {
  describe(`StateStore contract (${factory.name})`, () => {
    for (const kind of RESOURCE_KINDS) {
      it(`puts, gets, lists and deletes ${kind} records`, async () => {
        const { store } = await freshStore(factory);
        expect(await store.get(kind, 'a')).toBeUndefined();
        expect(await store.list(kind)).toEqual([]);
        await store.put(kind, 'a', sampleRecord(kind, 'a'));
        await store.put(kind, 'b', sampleRecord(kind, 'b'));
        expect(await store.get(kind, 'a')).toEqual(sampleRecord(kind, 'a'));
        expect(await store.list(kind)).toEqual([sampleRecord(kind, 'a'), sampleRecord(kind, 'b')]);
        expect(await store.delete(kind, 'a')).toBe(true);
        expect(await store.delete(kind, 'a')).toBe(false);
        expect(await store.get(kind, 'a')).toBeUndefined();
        expect(await store.list(kind)).toEqual([sampleRecord(kind, 'b')]);
        await store.close();
      });
    }

    it('replaces a record in its place, and puts a deleted and re-added one last', async () => {
      const { store } = await freshStore(factory);
      for (const id of ['a', 'b', 'c']) await store.put('profile', id, sampleRecord('profile', id));
      await store.put('profile', 'a', sampleRecord('profile', 'a', 'second'));
      expect((await store.list('profile')).map((p) => [p.profileId, p.name])).toEqual([['a', 'second'], ['b', 'first'], ['c', 'first']]);
      await store.delete('profile', 'b');
      await store.put('profile', 'b', sampleRecord('profile', 'b', 'third'));
      expect((await store.list('profile')).map((p) => [p.profileId, p.name])).toEqual([['a', 'second'], ['c', 'first'], ['b', 'third']]);
      expect(await store.get('profile', 'a')).toEqual(sampleRecord('profile', 'a', 'second'));
      await store.close();
    });

    it('keeps kinds apart: the same id in two kinds is two records', async () => {
      const { store } = await freshStore(factory);
      await store.put('trustAnchor', 'same', sampleRecord('trustAnchor', 'same'));
      await store.put('crl', 'same', sampleRecord('crl', 'same'));
      expect(await store.delete('trustAnchor', 'same')).toBe(true);
      expect(await store.get('trustAnchor', 'same')).toBeUndefined();
      expect(await store.get('crl', 'same')).toEqual(sampleRecord('crl', 'same'));
      expect(await store.list('profile')).toEqual([]);
      await store.close();
    });

    it.runIf(factory.isPersistent)('keeps records, replacements, deletions and order across close and reopen', async () => {
      const { store, location } = await freshStore(factory);
      for (const kind of RESOURCE_KINDS) {
        for (const id of ['a', 'b', 'c']) await store.put(kind, id, sampleRecord(kind, id));
        await store.put(kind, 'a', sampleRecord(kind, 'a', 'second'));
        await store.delete(kind, 'b');
      }
      await store.close();
      const reopened = await factory.open(location);
      for (const kind of RESOURCE_KINDS) {
        expect(await reopened.list(kind)).toEqual([sampleRecord(kind, 'a', 'second'), sampleRecord(kind, 'c')]);
        expect(await reopened.get(kind, 'b')).toBeUndefined();
      }
      await reopened.put('role', 'd', sampleRecord('role', 'd'));
      await reopened.close();
      const third = await factory.open(location);
      expect((await third.list('role')).map((r) => r.description)).toEqual(['second', 'first', 'first']);
      await third.close();
    });

    it.runIf(!factory.isPersistent)('starts empty when opened again at the same location', async () => {
      const { store, location } = await freshStore(factory);
      await store.put('role', 'a', sampleRecord('role', 'a'));
      await store.close();
      const again = await factory.open(location);
      for (const kind of RESOURCE_KINDS) expect(await again.list(kind)).toEqual([]);
      await again.close();
    });
  });
}
