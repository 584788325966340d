// The SQLite CertStore on real SQLite: schema versioning, atomic writes with audit, the append-only log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, CertificateRecord } from '../cert-store.js';
import { MIGRATIONS } from './migrations.js';
import { openSqliteCertStore } from './sqlite-cert-store.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');
const audit = (action: string): AuditEntry => ({ at: NOW, actor: 'test', action, detail: { note: action } });

function record(serialHex: string, notAfter = '2026-07-01T00:00:00.000Z', subject = `CN=${serialHex}`): CertificateRecord {
  return { serialHex, subject, notBefore: NOW, notAfter: new Date(notAfter), issuedAt: NOW, keyType: 'ec-p256', der: Buffer.from([1, 2, 3]) };
}

function freshPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'iamra-store-')), 'ca.db');
}

describe('schema', () => {
  it('migrates to the latest user_version in WAL mode, and reopening changes nothing', () => {
    const path = freshPath();
    openSqliteCertStore(path, { create: true }).close();
    openSqliteCertStore(path, { create: false }).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer iamra', () => {
    const path = freshPath();
    openSqliteCertStore(path, { create: true }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteCertStore(path, { create: false })).toThrow(expect.objectContaining({ code: 'CA_DATABASE_TOO_NEW' }));
  });

  it('refuses to create a database when asked to open one', () => {
    expect(() => openSqliteCertStore(freshPath(), { create: false })).toThrow(expect.objectContaining({ code: 'CA_DATABASE_UNREADABLE' }));
  });
});

describe('certificates', () => {
  it('stores a certificate with its audit entry, and a duplicate serial with neither', () => {
    const store = openSqliteCertStore(freshPath(), { create: true });
    expect(store.insertCertificate(record('0a'), audit('certificate.issue'))).toBe('inserted');
    expect(store.insertCertificate(record('0a'), audit('certificate.issue'))).toBe('serial-taken');
    expect(store.auditLog().map((a) => a.action)).toEqual(['certificate.issue']);
    expect(store.findCertificate('0a')).toMatchObject({ serialHex: '0a', subject: 'CN=0a', notAfter: new Date('2026-07-01T00:00:00.000Z') });
    store.close();
  });

  it('revokes once and reports unknown serials', () => {
    const store = openSqliteCertStore(freshPath(), { create: true });
    store.insertCertificate(record('0b'), audit('certificate.issue'));
    const entry = { serialHex: '0b', revokedAt: NOW, reason: 'superseded' as const };
    expect(store.revokeCertificate(entry, audit('certificate.revoke'))).toEqual({ outcome: 'revoked' });
    expect(store.revokeCertificate(entry, audit('certificate.revoke'))).toMatchObject({ outcome: 'already-revoked' });
    expect(store.revokeCertificate({ ...entry, serialHex: '0c' }, audit('certificate.revoke'))).toEqual({ outcome: 'not-found' });
    expect(store.auditLog().map((a) => a.action)).toEqual(['certificate.issue', 'certificate.revoke']);
    store.close();
  });

  it('filters by status, expiry and subject pattern', () => {
    const store = openSqliteCertStore(freshPath(), { create: true });
    store.insertCertificate(record('01', '2026-06-10T00:00:00.000Z', 'CN=web-1'), audit('i'));
    store.insertCertificate(record('02', '2026-05-01T00:00:00.000Z', 'CN=old'), audit('i'));
    store.insertCertificate(record('03', '2026-12-01T00:00:00.000Z', 'CN=web_2'), audit('i'));
    store.revokeCertificate({ serialHex: '03', revokedAt: NOW, reason: 'keyCompromise' }, audit('r'));
    const serials = (filter: Parameters<typeof store.listCertificates>[0]) => store.listCertificates(filter).map((c) => c.serialHex);
    expect(serials({ now: NOW })).toEqual(['01', '02', '03']);
    expect(serials({ now: NOW, status: 'valid' })).toEqual(['01']);
    expect(serials({ now: NOW, status: 'expired' })).toEqual(['02']);
    expect(serials({ now: NOW, status: 'revoked' })).toEqual(['03']);
    expect(serials({ now: NOW, notAfterBefore: new Date('2026-07-01T00:00:00Z') })).toEqual(['01', '02']);
    expect(serials({ now: NOW, subjectLike: 'CN=web\\_%' })).toEqual(['03']);
    store.close();
  });
});

describe('CRLs', () => {
  it('snapshots revoked, unexpired certificates and refuses a CRL number twice', () => {
    const store = openSqliteCertStore(freshPath(), { create: true });
    store.insertCertificate(record('01'), audit('i'));
    store.insertCertificate(record('02', '2026-05-01T00:00:00.000Z'), audit('i'));
    store.insertCertificate(record('03'), audit('i'));
    for (const serialHex of ['01', '02']) store.revokeCertificate({ serialHex, revokedAt: NOW, reason: 'keyCompromise' }, audit('r'));
    expect(store.crlSnapshot(NOW)).toEqual({ entries: [{ serialHex: '01', revokedAt: NOW, reason: 'keyCompromise' }], lastCrlNumber: 0 });
    const crl = { crlNumber: 1, thisUpdate: NOW, nextUpdate: NOW, entryCount: 1, der: Buffer.from([0x30, 0]) };
    expect(store.insertCrl(crl, audit('crl.generate'))).toBe('inserted');
    expect(store.insertCrl(crl, audit('crl.generate'))).toBe('number-taken');
    expect(store.crlSnapshot(NOW).lastCrlNumber).toBe(1);
    expect(store.latestCrl()).toMatchObject({ crlNumber: 1, entryCount: 1 });
    expect(store.auditLog().filter((a) => a.action === 'crl.generate')).toHaveLength(1);
    store.close();
  });
});

describe('audit log', () => {
  it('is append-only at the database level', () => {
    const path = freshPath();
    const store = openSqliteCertStore(path, { create: true });
    store.putSettings({ 'ca.state': 'active' }, audit('ca.init'));
    store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE audit_log SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor, action, detail FROM audit_log').all()).toEqual([{ actor: 'test', action: 'ca.init', detail: '{"note":"ca.init"}' }]);
    db.close();
  });
});
