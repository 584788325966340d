// The in-process control plane: shapes, defaults, validation messages, quotas and not-found
// errors of trust anchors, profiles, CRLs and tags (roles-anywhere.md §3, §5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../../test/support/pki.js';
import { buildTestCrl } from '../../test/support/test-crl.js';
import { EmulatorServiceError, startEmulator, type RunningEmulator } from '../index.js';
import type { NotificationSetting } from './shapes.js';

let emulator: RunningEmulator;
let root: TestIdentity;
let otherRoot: TestIdentity;
let leaf: TestIdentity;

const bundle = (...pems: string[]) => ({ sourceType: 'CERTIFICATE_BUNDLE' as const, sourceData: { x509CertificateData: pems.join('') } });

async function failure(promise: Promise<unknown>): Promise<{ type: string; status: number; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof EmulatorServiceError)) throw new Error(`expected an EmulatorServiceError, got ${String(error)}`);
  return { type: error.type, status: error.status, message: error.message };
}

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=control root' });
  otherRoot = await createTestRoot({ subject: 'CN=other root' });
  leaf = await issueTestCertificate(root, { subject: 'CN=leaf' });
  emulator = await startEmulator({ now: () => new Date('2026-01-02T03:04:05.678Z') });
});

afterAll(() => emulator.stop());

describe('trust anchors', () => {
  it('creates one with the service shape and defaults', async () => {
    const { trustAnchor } = await emulator.control.createTrustAnchor({ name: 'anchor one', source: bundle(root.certPem) });
    expect(trustAnchor).toMatchObject({
      trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${trustAnchor.trustAnchorId}`,
      name: 'anchor one',
      enabled: false,
      createdAt: '2026-01-02T03:04:05.678000Z',
      notificationSettings: [
        { enabled: true, event: 'CA_CERTIFICATE_EXPIRY', threshold: 45, channel: 'ALL', configuredBy: 'rolesanywhere.amazonaws.com' },
        { enabled: true, event: 'END_ENTITY_CERTIFICATE_EXPIRY', threshold: 45, channel: 'ALL', configuredBy: 'rolesanywhere.amazonaws.com' },
      ],
    });
    expect(trustAnchor.trustAnchorId).toMatch(/^[a-f0-9]{8}-([a-f0-9]{4}-){3}[a-f0-9]{12}$/);
    const { trustAnchor: enabled } = await emulator.control.enableTrustAnchor({ trustAnchorId: trustAnchor.trustAnchorId });
    expect(enabled.enabled).toBe(true);
  });

  it('reports every constraint violation in the Coral form', async () => {
    expect(await failure(emulator.control.createTrustAnchor({ name: 'bad/name', source: bundle(root.certPem) }))).toEqual({
      type: 'ValidationException',
      status: 400,
      message: "1 validation error detected: Value 'bad/name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [ a-zA-Z0-9-_]*",
    });
    const missing = await failure(emulator.control.createTrustAnchor({} as never));
    expect(missing.message).toBe(
      "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'source' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses an end-entity certificate as anchor and more than two certificates', async () => {
    expect((await failure(emulator.control.createTrustAnchor({ name: 'leaf', source: bundle(leaf.certPem) }))).message).toBe('Incorrect basic constraints');
    const three = await failure(emulator.control.createTrustAnchor({ name: 'three', source: bundle(root.certPem, otherRoot.certPem, root.certPem) }));
    expect(three).toMatchObject({ type: 'ValidationException', status: 400 });
  });

  it('answers ResourceNotFoundException for an unknown id', async () => {
    expect(await failure(emulator.control.getTrustAnchor({ trustAnchorId: '00000000-0000-0000-0000-000000000000' }))).toMatchObject({
      type: 'ResourceNotFoundException',
      status: 404,
    });
  });

  it('paginates with pageSize and nextToken', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await emulator.control.createTrustAnchor({ name, source: bundle(otherRoot.certPem) });
    const first = await emulator.control.listTrustAnchors({ pageSize: 2 });
    expect(first.trustAnchors).toHaveLength(2);
    const second = await emulator.control.listTrustAnchors({ pageSize: 2, nextToken: first.nextToken! });
    const names = [...first.trustAnchors, ...second.trustAnchors].map((a) => a.name);
    expect(names).toEqual(['anchor one', 'page-a', 'page-b', 'page-c']);
    expect(second.nextToken).toBeUndefined();
  });
});

describe('profiles', () => {
  it('creates one with the default attribute mappings; Put replaces a field, Delete removes', async () => {
    const { profile } = await emulator.control.createProfile({ name: 'profile one', roleArns: ['arn:aws:iam::123456789012:role/r'] });
    expect(profile).toMatchObject({ durationSeconds: 3600, enabled: false, acceptRoleSessionName: false, requireInstanceProperties: false });
    expect(profile.attributeMappings).toEqual([
      { certificateField: 'x509Issuer', mappingRules: [{ specifier: '*' }] },
      { certificateField: 'x509SAN', mappingRules: [{ specifier: 'DNS' }, { specifier: 'URI' }, { specifier: 'Name/*' }] },
      { certificateField: 'x509Subject', mappingRules: [{ specifier: '*' }] },
    ]);
    const put = await emulator.control.putAttributeMapping({ profileId: profile.profileId, certificateField: 'x509Subject', mappingRules: [{ specifier: 'CN' }] });
    expect(put.profile.attributeMappings.find((m) => m.certificateField === 'x509Subject')!.mappingRules).toEqual([{ specifier: 'CN' }]);
    const deleted = await emulator.control.deleteAttributeMapping({ profileId: profile.profileId, certificateField: 'x509SAN', specifiers: ['URI'] });
    expect(deleted.profile.attributeMappings.find((m) => m.certificateField === 'x509SAN')!.mappingRules).toEqual([{ specifier: 'DNS' }, { specifier: 'Name/*' }]);
  });

  it('validates durationSeconds and role ARNs', async () => {
    const bad = await failure(emulator.control.createProfile({ name: 'p', roleArns: ['not-an-arn'], durationSeconds: 50000 }));
    expect(bad.message).toBe(
      "2 validation errors detected: Value 'not-an-arn' at 'roleArns.1.member' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[^:]+)?:iam(:.*){2}(:role.*); Value '50000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
    );
  });
});

describe('CRLs', () => {
  let anchorArn: string;
  beforeAll(async () => {
    anchorArn = (await emulator.control.createTrustAnchor({ name: 'crl anchor', source: bundle(root.certPem) })).trustAnchor.trustAnchorArn;
  });

  it('imports PEM and DER, at most two per trust anchor', async () => {
    const crl = buildTestCrl({ issuer: root, revokedSerials: [leaf.serialHex] });
    const pem = await emulator.control.importCrl({ name: 'pem', crlData: Buffer.from(crl.pem), trustAnchorArn: anchorArn, enabled: true });
    expect(pem.crl).toMatchObject({ name: 'pem', enabled: true, trustAnchorArn: anchorArn });
    expect(pem.crl.crlData.toString()).toBe(crl.pem);
    await emulator.control.importCrl({ name: 'der', crlData: crl.der, trustAnchorArn: anchorArn });
    const third = await failure(emulator.control.importCrl({ name: 'third', crlData: crl.der, trustAnchorArn: anchorArn }));
    expect(third).toMatchObject({ type: 'ValidationException', status: 400 });
  });

  it('refuses a CRL over 300,000 bytes, one not signed by the anchor, and garbage', async () => {
    const big = await failure(emulator.control.importCrl({ name: 'big', crlData: Buffer.alloc(300_001, 0x30), trustAnchorArn: anchorArn }));
    expect(big.message).toContain("at 'crlData' failed to satisfy constraint: Member must have length less than or equal to 300000");
    const anchor2 = (await emulator.control.createTrustAnchor({ name: 'crl anchor 2', source: bundle(otherRoot.certPem) })).trustAnchor.trustAnchorArn;
    const forged = buildTestCrl({ issuer: { ...root, certificate: otherRoot.certificate }, revokedSerials: ['01'] });
    expect(await failure(emulator.control.importCrl({ name: 'forged', crlData: forged.der, trustAnchorArn: anchor2 }))).toMatchObject({
      type: 'ValidationException',
      message: 'Invalid CRL data',
    });
    expect((await failure(emulator.control.importCrl({ name: 'junk', crlData: Buffer.from('junk'), trustAnchorArn: anchor2 }))).message).toBe('Invalid CRL data');
  });

  it('answers ResourceNotFoundException for a CRL of an unknown trust anchor', async () => {
    const crl = buildTestCrl({ issuer: root, revokedSerials: [] });
    const arn = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/00000000-0000-0000-0000-000000000000';
    expect((await failure(emulator.control.importCrl({ name: 'x', crlData: crl.der, trustAnchorArn: arn }))).type).toBe('ResourceNotFoundException');
  });
});

describe('tags', () => {
  it('tags, lists and untags a resource; refuses aws: keys', async () => {
    const { trustAnchor } = await emulator.control.createTrustAnchor({ name: 'tagged', source: bundle(root.certPem), tags: [{ key: 'team', value: 'pki' }] });
    const arn = trustAnchor.trustAnchorArn;
    await emulator.control.tagResource({ resourceArn: arn, tags: [{ key: 'env', value: 'test' }] });
    expect((await emulator.control.listTagsForResource({ resourceArn: arn })).tags).toEqual([
      { key: 'team', value: 'pki' },
      { key: 'env', value: 'test' },
    ]);
    await emulator.control.untagResource({ resourceArn: arn, tagKeys: ['team'] });
    expect((await emulator.control.listTagsForResource({ resourceArn: arn })).tags).toEqual([{ key: 'env', value: 'test' }]);
    expect((await failure(emulator.control.tagResource({ resourceArn: arn, tags: [{ key: 'aws:x', value: 'y' }] }))).type).toBe('ValidationException');
  });
});

describe('notification settings', () => {
  it('puts a setting per event (configuredBy the account ID), resets it to the default, requires a threshold when enabled', async () => {
    const { trustAnchor } = await emulator.control.createTrustAnchor({ name: 'notified', source: bundle(root.certPem) });
    const trustAnchorId = trustAnchor.trustAnchorId;
    const put = await emulator.control.putNotificationSettings({ trustAnchorId, notificationSettings: [{ enabled: false, event: 'END_ENTITY_CERTIFICATE_EXPIRY', threshold: 10 }] });
    expect(put.trustAnchor.notificationSettings[1]).toEqual({
      enabled: false,
      event: 'END_ENTITY_CERTIFICATE_EXPIRY',
      threshold: 10,
      channel: 'ALL',
      configuredBy: '123456789012',
    });
    const reset = await emulator.control.resetNotificationSettings({ trustAnchorId, notificationSettingKeys: [{ event: 'END_ENTITY_CERTIFICATE_EXPIRY' }] });
    expect(reset.trustAnchor.notificationSettings).toEqual(trustAnchor.notificationSettings);
    const bad = await failure(emulator.control.putNotificationSettings({ trustAnchorId, notificationSettings: [{ enabled: true, event: 'CA_CERTIFICATE_EXPIRY', threshold: 400 }] }));
    expect(bad.message).toBe(
      "1 validation error detected: Value '400' at 'notificationSettings.1.member.threshold' failed to satisfy constraint: Member must have value less than or equal to 360",
    );
    const noThreshold = await failure(emulator.control.putNotificationSettings({ trustAnchorId, notificationSettings: [{ enabled: true, event: 'CA_CERTIFICATE_EXPIRY' }] }));
    expect(noThreshold.message).toBe("1 validation error detected: Value null at 'notificationSettings.1.member.threshold' failed to satisfy constraint: Member must not be null");
    const channel = { enabled: false, event: 'CA_CERTIFICATE_EXPIRY', channel: 'EMAIL' } as unknown as NotificationSetting;
    expect((await failure(emulator.control.putNotificationSettings({ trustAnchorId, notificationSettings: [channel] }))).message).toContain('Member must satisfy enum value set: [ALL]');
  });
});

describe('refused requests', () => {
  it('change nothing', async () => {
    const snapshot = async () =>
      JSON.stringify([await emulator.control.listTrustAnchors({ pageSize: 1000 }), await emulator.control.listProfiles({ pageSize: 1000 }), await emulator.control.listCrls({ pageSize: 1000 })]);
    const before = await snapshot();
    const { trustAnchors } = await emulator.control.listTrustAnchors({ pageSize: 1 });
    const trustAnchorId = trustAnchors[0]!.trustAnchorId;
    const attempts: Array<Promise<unknown>> = [
      emulator.control.createTrustAnchor({ name: 'x', source: bundle(leaf.certPem) }),
      emulator.control.updateTrustAnchor({ trustAnchorId, name: 'renamed', source: bundle(leaf.certPem) }),
      emulator.control.createProfile({ name: 'p', roleArns: ['bad'] }),
      emulator.control.importCrl({ name: 'c', crlData: Buffer.from('junk'), trustAnchorArn: trustAnchors[0]!.trustAnchorArn }),
      emulator.control.tagResource({ resourceArn: trustAnchors[0]!.trustAnchorArn, tags: [{ key: 'ok', value: 'v' }, { key: 'aws:no', value: 'v' }] }),
    ];
    for (const attempt of attempts) expect((await failure(attempt)).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});
