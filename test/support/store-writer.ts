// A second process for the store contract: opens the store at argv[2] through the CA's own store
// composition and writes `count` certificates tagged argv[3], with a CRL after every 10th.
import { parseStoreLocation } from '../../ca/ca-config.js';
import { openStores } from '../../ca/store/open-stores.js';

const [location, tag, countText] = process.argv.slice(2);
if (location === undefined || tag === undefined || countText === undefined) throw new Error('usage: store-writer LOCATION TAG COUNT');
const at = new Date('2026-06-01T00:00:00.000Z');
const stores = await openStores(parseStoreLocation(location, process.cwd()), { create: false });
const { certStore } = stores;
for (let i = 0; i < Number(countText); i++) {
  const serialHex = `${tag === 'a' ? '7a' : '7b'}${i.toString(16).padStart(6, '0')}`;
  const outcome = await certStore.insertCertificate(
    { serialHex, subject: `CN=${tag}-${i}`, notBefore: at, notAfter: new Date('2026-07-01T00:00:00.000Z'), issuedAt: at, keyType: 'ec-p256', der: Buffer.from([i & 0xff]) },
    { at, actor: `writer ${tag}`, action: 'certificate.issue', serialHex, detail: {} },
  );
  if (outcome !== 'inserted') throw new Error(`serial ${serialHex} taken`);
  if ((i + 1) % 10 === 0) {
    for (;;) {
      const { lastCrlNumber } = await certStore.crlSnapshot(at);
      const stored = await certStore.insertCrl({ crlNumber: lastCrlNumber + 1, thisUpdate: at, nextUpdate: at, entryCount: 0, der: Buffer.from([0x30, 0]) }, { at, actor: `writer ${tag}`, action: 'crl.generate', detail: {} });
      if (stored === 'inserted') break;
    }
  }
}
await stores.close();
