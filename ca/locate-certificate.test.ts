// locateCertificate over the SQLite store: full serials in any user form, prefixes with their
// leading zeros, ambiguous prefixes naming at most five candidates, and certificate files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateCertificate } from './locate-certificate.js';
import type { CaStores } from './store/ca-stores.js';
import { openSqliteStores } from './store/sqlite/open-sqlite-stores.js';
import { audit, certificate } from './store/store-contract-support.js';

const SERIALS = ['0a11', '0a12', '0b', '7f01', '7f02', '7f03', '7f04', '7f05', '7f06'];
let stores: CaStores;

beforeAll(async () => {
  stores = openSqliteStores(join(mkdtempSync(join(tmpdir(), 'iamra-locate-')), 'ca.db'), { create: true });
  for (const serial of SERIALS) await stores.certStore.insertCertificate({ ...certificate(serial), der: Buffer.from(serial, 'hex') }, audit('certificate.issue'));
});

afterAll(() => stores.close());

const serialOf = async (text: string) => (await locateCertificate(stores.certStore, { serialText: text })).serialHex;
const failure = (text: string) => locateCertificate(stores.certStore, { serialText: text }).then(() => undefined, (error: unknown) => error as { code: string; message: string });

describe('locateCertificate', () => {
  it.each([['0a11', '0a11'], ['0x0A:11', '0a11'], ['a11', '0a11'], ['0b', '0b'], ['b', '0b'], ['0a1', undefined], ['7f03', '7f03']])('finds %j exactly or by a unique prefix', async (text, expected) => {
    if (expected) expect(await serialOf(text)).toBe(expected);
    else expect((await failure(text))?.code).toBe('SERIAL_AMBIGUOUS');
  });

  it('keeps a prefix\'s leading zero and odd length', async () => {
    expect(await serialOf('0b')).toBe('0b');
    expect(await serialOf('0a12')).toBe('0a12');
    expect(await failure('0c')).toMatchObject({ code: 'CERT_NOT_FOUND', message: 'no certificate 0c in this CA (neither a serial nor a serial prefix). Check it with "iamra list".' });
  });

  it('names at most five candidates of an ambiguous prefix', async () => {
    expect((await failure('0a'))?.message).toBe('serial prefix 0a is ambiguous: it matches 0a11, 0a12. Give more digits.');
    expect((await failure('7f'))?.message).toBe('serial prefix 7f is ambiguous: it matches 7f01, 7f02, 7f03, 7f04, 7f05 and more. Give more digits.');
  });

  it('takes a certificate file only when it is the stored certificate', async () => {
    const found = await locateCertificate(stores.certStore, { serialHex: '7f04', certificateDer: Buffer.from('7f04', 'hex'), source: 'w.crt' });
    expect(found.serialHex).toBe('7f04');
    await expect(locateCertificate(stores.certStore, { serialHex: '7f04', certificateDer: Buffer.from('7f05', 'hex'), source: 'w.crt' })).rejects.toMatchObject({ code: 'CERT_NOT_FROM_THIS_CA' });
    await expect(locateCertificate(stores.certStore, { serialHex: '99', certificateDer: Buffer.from('99', 'hex'), source: 'x.crt' })).rejects.toMatchObject({ code: 'CERT_NOT_FROM_THIS_CA' });
  });
});
