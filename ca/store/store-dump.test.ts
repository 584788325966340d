// ca export-store's round trip (issue 13): a populated SQLite store copied to PostgreSQL and back
// holds the same rows in every table, in the same order; a non-empty destination is refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PASSWORD, startPostgres, type PostgresServer } from '../../test/support/postgres-server.js';
import { parseStoreLocation, type StoreLocation } from '../ca-config.js';
import { exportStore } from '../export-store.js';
import { openStoreDump } from './open-store-dump.js';
import { openStores } from './open-stores.js';
import { DUMP_TABLES, isEmpty, type DumpRow } from './store-dump.js';
import { audit, certificate, NOW } from './store-contract-support.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
  process.env.PGPASSWORD = ROLE_PASSWORD;
});
afterAll(() => server?.remove());

const sqliteLocation = (): StoreLocation => parseStoreLocation(`sqlite:${join(mkdtempSync(join(tmpdir(), 'iamra-dump-')), 'ca.db')}`, tmpdir());
const ARN = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/6f18c3df-5ba9-47e8-88be-aa4833d0f612';
const later = (s: number) => new Date(NOW.getTime() + s * 1000 + 123);

/** A store with a row in every table, written through the ports. */
async function populate(location: StoreLocation): Promise<void> {
  const { certStore, publishStore, close } = await openStores(location, { create: true });
  await certStore.putSettings({ 'ca.state': 'active', 'ca.keyType': 'ec-p256' }, audit('ca.init'));
  await certStore.insertCertificate({ ...certificate('0a'), template: 'web', der: Buffer.from([0x30, 0x82, 0, 0xff]) }, { ...audit('certificate.issue'), serialHex: '0a', detail: { b: 1, a: [2] } });
  await certStore.insertCertificate({ ...certificate('0b'), issuedAt: later(1), renewedFrom: '0a' }, audit('certificate.renew', later(1)));
  await certStore.insertCertificate({ ...certificate('0c'), issuedAt: NOW }, audit('certificate.issue'));
  await certStore.revokeCertificate({ serialHex: '0a', revokedAt: later(2), reason: 'superseded' }, audit('certificate.revoke', later(2)));
  await certStore.insertCrl({ crlNumber: 1, thisUpdate: later(3), nextUpdate: later(9), entryCount: 1, der: Buffer.from([0x30, 1]) }, audit('crl.generate', later(3)));
  await publishStore.putEntriesDigest(1, 'ab'.repeat(32));
  await certStore.putTemplate('web', '{"validity":"7d"}', audit('template.set', later(4)));
  const target = { trustAnchorArn: ARN, region: 'us-east-1', endpoint: 'http://127.0.0.1:9', crlName: 'iamra-01' };
  await publishStore.recordSent(target, { crlId: 'c1', crlArn: 'arn:c1', crlNumber: 1, sha256: 'cd'.repeat(32), bytes: 500, publishedAt: later(5) }, 'imported', audit('crl.publish.imported', later(5)));
  await publishStore.forgetSent(ARN, audit('crl.publish.deleted-on-service', later(6)));
  await publishStore.recordPending({ ...target, profile: 'prod' }, { since: later(7), crlNumber: 2, sha256: 'ef'.repeat(32) }, { expectedCrlId: undefined, leaseSeconds: 60 });
  await close();
}

async function tables(location: StoreLocation): Promise<Record<string, DumpRow[]>> {
  const dump = await openStoreDump(location, false);
  try {
    const result: Record<string, DumpRow[]> = {};
    for (const table of DUMP_TABLES) {
      result[table.name] = [];
      for await (const row of dump.rows(table)) result[table.name]!.push(row);
    }
    return result;
  } finally {
    await dump.close();
  }
}

describe('ca export-store', () => {
  it('SQLite -> PostgreSQL -> SQLite keeps every row of every table, in order', async () => {
    const original = sqliteLocation();
    await populate(original);
    const postgres = parseStoreLocation(await server.createDatabase(), tmpdir());
    const back = sqliteLocation();
    const counts = await exportStore({ from: original, to: postgres });
    expect(counts).toEqual({ settings: 2, certificates: 3, crls: 1, crl_contents: 1, templates: 1, publish_targets: 1, publish_history: 2, audit_log: 9 });
    await exportStore({ from: postgres, to: back });
    const before = await tables(original);
    expect(await tables(postgres)).toEqual(before);
    expect(await tables(back)).toEqual(before);
    // Through the ports too: the same records, and the copy goes on numbering its audit log.
    const [a, b] = [await openStores(original, { create: false }), await openStores(postgres, { create: false })];
    expect(await b.certStore.listCertificates({ now: NOW })).toEqual(await a.certStore.listCertificates({ now: NOW }));
    expect(await b.publishStore.publications()).toEqual(await a.publishStore.publications());
    expect(await b.certStore.auditLog()).toEqual(await a.certStore.auditLog());
    await b.certStore.putSettings({ x: 'y' }, audit('after'));
    const log = await b.certStore.auditLog();
    expect(log.at(-1)!.id).toBeGreaterThan(log.at(-2)!.id);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a destination that holds records, and changes nothing there', async () => {
    const first = sqliteLocation();
    await populate(first);
    const postgres = parseStoreLocation(await server.createDatabase(), tmpdir());
    await exportStore({ from: first, to: postgres });
    const before = await tables(postgres);
    await expect(exportStore({ from: first, to: postgres })).rejects.toMatchObject({ code: 'CA_STORE_NOT_EMPTY' });
    const other = sqliteLocation();
    await populate(other);
    await expect(exportStore({ from: postgres, to: other })).rejects.toMatchObject({ code: 'CA_STORE_NOT_EMPTY' });
    expect(await tables(postgres)).toEqual(before);
  });
});

describe.each(['sqlite', 'postgres'] as const)('the dump port on %s', (scheme) => {
  const fresh = async (): Promise<StoreLocation> => (scheme === 'sqlite' ? sqliteLocation() : parseStoreLocation(await server.createDatabase(), tmpdir()));

  it('snapshot: reads inside it keep the state it began with while another connection writes', async () => {
    const location = await fresh();
    await populate(location);
    const dump = await openStoreDump(location, false);
    const writer = await openStores(location, { create: false });
    try {
      const seen = await dump.snapshot(async (snapshot) => {
        const before = await snapshot.counts();
        await writer.certStore.insertCertificate({ ...certificate('0d'), issuedAt: later(8) }, audit('certificate.issue', later(8)));
        await writer.certStore.revokeCertificate({ serialHex: '0b', revokedAt: later(9), reason: 'superseded' }, audit('certificate.revoke', later(9)));
        const rows: DumpRow[] = [];
        for await (const row of snapshot.rows(DUMP_TABLES.find((t) => t.name === 'certificates')!)) rows.push(row);
        return { before, after: await snapshot.counts(), rows };
      });
      expect(seen.after).toEqual(seen.before);
      expect(seen.rows.map((r) => [r.serial, r.revoked_at === null])).toEqual([['0a', false], ['0c', true], ['0b', true]]);
      expect((await dump.counts()).certificates).toBe(4);
    } finally {
      await Promise.all([dump.close(), writer.close()]);
    }
  });

  it('load: counts other than expected roll the whole load back (on PostgreSQL, the schema too)', async () => {
    const source = sqliteLocation();
    await populate(source);
    const from = await openStoreDump(source, false);
    const location = await fresh();
    const to = await openStoreDump(location, true);
    try {
      const counts = await from.counts();
      await expect(to.load((table) => from.rows(table), { ...counts, audit_log: counts.audit_log! + 1 })).rejects.toMatchObject({ code: 'CA_EXPORT_INCOMPLETE' });
      if (scheme === 'sqlite') expect(isEmpty(await to.counts())).toBe(true);
      else await expect(openStoreDump(location, false)).rejects.toMatchObject({ code: 'CA_NOT_FOUND' });
      await to.load((table) => from.rows(table), counts);
      expect(await to.counts()).toEqual(counts);
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });
});
