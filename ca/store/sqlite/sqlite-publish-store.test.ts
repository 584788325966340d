// The publish store on a real SQLite CA database: pending imports, the import lease, history, audit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PublishStore } from '../publish-store.js';
import { openSqliteCertStore } from './sqlite-cert-store.js';
import { openSqlitePublishStore } from './sqlite-publish-store.js';

const ARN = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/6f18c3df-5ba9-47e8-88be-aa4833d0f612';
const OTHER = ARN.replace('6f18c3df', '00000000');
const target = { trustAnchorArn: ARN, region: 'us-east-1', endpoint: 'http://127.0.0.1:9', crlName: 'iamra-0011223344556677' };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const audit = (s: number, action: string) => ({ at: at(s), actor: 'test', action, detail: {} });
const guard = (expectedCrlId: string | undefined) => ({ expectedCrlId, leaseSeconds: 60 });
const sent = { crlId: 'c1', crlArn: 'arn:c1', crlNumber: 4, sha256: 'ab'.repeat(32), bytes: 400, publishedAt: at(2) };

let path: string;
let store: PublishStore;

beforeEach(() => {
  path = join(mkdtempSync(join(tmpdir(), 'iamra-publish-store-')), 'ca.db');
  openSqliteCertStore(path, { create: true }).close();
  store = openSqlitePublishStore(path);
});

describe('SQLite publish store (migration 2)', () => {
  it('records a pending import, then what was sent, with history and audit', () => {
    expect(store.recordPending(target, { since: at(1), crlNumber: 4, sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
    expect(store.publication(ARN)).toEqual({ target, lastUsedAt: at(1), pending: { since: at(1), crlNumber: 4, sha256: sent.sha256 } });
    store.recordSent(target, sent, 'imported', audit(2, 'crl.publish.imported'));
    expect(store.publication(ARN)).toEqual({ target, lastUsedAt: at(2), sent });
    expect(store.history(ARN, 10)).toEqual([{ at: at(2), trustAnchorArn: ARN, action: 'imported', crlNumber: 4, sha256: sent.sha256, bytes: 400, crlId: 'c1' }]);
    const certStore = openSqliteCertStore(path, { create: false });
    expect(certStore.auditLog().map((e) => e.action)).toEqual(['crl.publish.imported']);
    certStore.close();
  });

  it('undoes a pending import the service refused, leaving the row as it was', () => {
    store.recordPending(target, { since: at(1), sha256: sent.sha256 }, guard(undefined));
    store.abandonPending(ARN, undefined);
    expect(store.publication(ARN)).toBeUndefined();
    store.recordSent(target, sent, 'imported', audit(2, 'x'));
    const previous = store.publication(ARN);
    store.recordPending({ ...target, crlName: 'other' }, { since: at(3), sha256: 'cd'.repeat(32) }, guard('c1'));
    store.abandonPending(ARN, previous);
    expect(store.publication(ARN)).toEqual(previous);
  });

  it('lets one publisher import at a time, and none after another recorded a CRL', () => {
    expect(store.recordPending(target, { since: at(1), sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
    expect(store.recordPending(target, { since: at(30), sha256: sent.sha256 }, guard(undefined))).toBe('busy');
    expect(store.recordPending(target, { since: at(61), sha256: sent.sha256 }, guard(undefined))).toBe('recorded');
    store.recordSent(target, sent, 'imported', audit(62, 'x'));
    expect(store.recordPending(target, { since: at(63), sha256: sent.sha256 }, guard(undefined))).toBe('changed');
    expect(store.recordPending(target, { since: at(63), sha256: sent.sha256 }, guard('c1'))).toBe('recorded');
  });

  it('forgets a CRL deleted on the service but keeps the target', () => {
    store.recordSent(target, sent, 'imported', audit(2, 'x'));
    store.forgetSent(ARN, audit(3, 'crl.publish.deleted-on-service'));
    expect(store.publication(ARN)).toEqual({ target, lastUsedAt: at(2) });
    expect(store.history(ARN, 1)).toEqual([{ at: at(3), trustAnchorArn: ARN, action: 'forgotten', crlId: 'c1' }]);
  });

  it('remembers the most recently used target', () => {
    expect(store.rememberedTarget()).toBeUndefined();
    store.saveTarget(target, at(5));
    store.saveTarget({ trustAnchorArn: OTHER, region: 'us-east-1', crlName: 'n' }, at(6));
    expect(store.rememberedTarget()?.target.trustAnchorArn).toBe(OTHER);
    store.saveTarget(target, at(7));
    expect(store.rememberedTarget()?.target).toEqual(target);
  });

  it('keeps entry digests per CRL number', () => {
    expect(store.entriesDigest(1)).toBeUndefined();
    store.putEntriesDigest(1, 'd1');
    expect(store.entriesDigest(1)).toBe('d1');
  });
});
