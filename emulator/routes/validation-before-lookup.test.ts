// Validation before lookup, in every one of the 30 operations of the model (botocore 1.43.11, a
// real client): a request that breaks the model's constraints gets 400 ValidationException even
// when the resource it names does not exist; the same request made valid gets 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../index.js';
import { runBotocoreBatch, type BotocoreCall } from '../../test/support/botocore-batch.js';
import { createTestRoot } from '../../test/support/pki.js';

const UNKNOWN = '0b5f5e5c-1111-4222-8333-444455556666';
const ANCHOR_ARN = `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${UNKNOWN}`;
const LONG_TOKEN = 'x'.repeat(10_001);
const CRL = Buffer.from('-----BEGIN X509 CRL-----\nAA==\n-----END X509 CRL-----\n').toString('base64');

/** Operation, the request that breaks a constraint, and (for lookups) the valid request that finds nothing. */
type Row = [operation: string, invalid: Record<string, unknown>, validButUnknown: Record<string, unknown> | undefined];

const ta = { trustAnchorId: UNKNOWN };
const pr = { profileId: UNKNOWN };
const cr = { crlId: UNKNOWN };
const ROWS: Row[] = [
  ['create_trust_anchor', { name: 'bad/name', source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: 'pem' } } }, undefined],
  ['get_trust_anchor', { trustAnchorId: 'not-a-uuid' }, ta],
  ['list_trust_anchors', { nextToken: LONG_TOKEN }, undefined],
  ['update_trust_anchor', { ...ta, name: 'bad/name' }, { ...ta, name: 'fine' }],
  ['delete_trust_anchor', { trustAnchorId: 'not-a-uuid' }, ta],
  ['enable_trust_anchor', { trustAnchorId: 'not-a-uuid' }, ta],
  ['disable_trust_anchor', { trustAnchorId: 'not-a-uuid' }, ta],
  ['put_notification_settings', { ...ta, notificationSettings: [{ enabled: true, event: 'CA_CERTIFICATE_EXPIRY', threshold: 400 }] }, { ...ta, notificationSettings: [{ enabled: true, event: 'CA_CERTIFICATE_EXPIRY', threshold: 30 }] }],
  ['reset_notification_settings', { ...ta, notificationSettingKeys: [{ event: 'NO_SUCH_EVENT' }] }, { ...ta, notificationSettingKeys: [{ event: 'CA_CERTIFICATE_EXPIRY' }] }],
  ['create_profile', { name: 'p', roleArns: ['not-a-role-arn'] }, undefined],
  ['get_profile', { profileId: 'not-a-uuid' }, pr],
  ['list_profiles', { nextToken: LONG_TOKEN }, undefined],
  ['update_profile', { ...pr, durationSeconds: 60 }, { ...pr, durationSeconds: 3600 }],
  ['delete_profile', { profileId: 'not-a-uuid' }, pr],
  ['enable_profile', { profileId: 'not-a-uuid' }, pr],
  ['disable_profile', { profileId: 'not-a-uuid' }, pr],
  ['put_attribute_mapping', { ...pr, certificateField: 'x509Nothing', mappingRules: [{ specifier: 'CN' }] }, { ...pr, certificateField: 'x509Subject', mappingRules: [{ specifier: 'CN' }] }],
  ['delete_attribute_mapping', { ...pr, certificateField: 'x509Nothing' }, { ...pr, certificateField: 'x509Subject' }],
  ['import_crl', { name: 'c', crlData: CRL, trustAnchorArn: 'arn:aws:iam::123456789012:role/not-an-anchor' }, { name: 'c', crlData: CRL, trustAnchorArn: ANCHOR_ARN }],
  ['get_crl', { crlId: 'not-a-uuid' }, cr],
  ['list_crls', { nextToken: LONG_TOKEN }, undefined],
  ['update_crl', { ...cr, name: 'bad/name' }, { ...cr, name: 'fine' }],
  ['delete_crl', { crlId: 'not-a-uuid' }, cr],
  ['enable_crl', { crlId: 'not-a-uuid' }, cr],
  ['disable_crl', { crlId: 'not-a-uuid' }, cr],
  ['list_subjects', { nextToken: LONG_TOKEN }, undefined],
  ['get_subject', { subjectId: 'not-a-uuid' }, { subjectId: UNKNOWN }],
  ['tag_resource', { resourceArn: ANCHOR_ARN, tags: [{ key: 'no!', value: 'v' }] }, { resourceArn: ANCHOR_ARN, tags: [{ key: 'ok', value: 'v' }] }],
  ['untag_resource', { resourceArn: ANCHOR_ARN, tagKeys: ['no!'] }, { resourceArn: ANCHOR_ARN, tagKeys: ['ok'] }],
  ['list_tags_for_resource', { resourceArn: `${ANCHOR_ARN}${'x'.repeat(1011)}` }, { resourceArn: ANCHOR_ARN }],
];

let emulator: RunningEmulator;
let outcomes: Array<{ invalid: { status: number; code?: string; message?: string }; unknown?: { status: number; code?: string } }>;

beforeAll(async () => {
  emulator = await startEmulator();
  // A real anchor exists, so the unknown ids are unknown rather than the store being empty.
  const root = await createTestRoot();
  await emulator.control.createTrustAnchor({ name: 'present', source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } } });
  const calls: BotocoreCall[] = ROWS.flatMap(([operation, invalid, unknown]) => [
    { service: 'rolesanywhere', operation, params: invalid, blobParams: operation === 'import_crl' ? ['crlData'] : [] },
    ...(unknown ? [{ service: 'rolesanywhere', operation, params: unknown, blobParams: operation === 'import_crl' ? ['crlData'] : [] }] : []),
  ]);
  const results = await runBotocoreBatch(emulator.url, calls);
  let i = 0;
  outcomes = ROWS.map(([, , unknown]) => ({ invalid: results[i++]!, ...(unknown ? { unknown: results[i++]! } : {}) }));
});
afterAll(() => emulator.stop());

describe('validation before lookup', () => {
  it('covers the 30 operations of the model', () => {
    expect(new Set(ROWS.map(([operation]) => operation)).size).toBe(30);
  });

  it.each(ROWS.map((row, index) => [row[0], index] as const))('%s: 400 ValidationException before any 404', (_operation, index) => {
    const outcome = outcomes[index]!;
    expect([outcome.invalid.status, outcome.invalid.code]).toEqual([400, 'ValidationException']);
    expect(outcome.invalid.message).toMatch(/^\d validation errors? detected: Value .* at '[\w.]+' failed to satisfy constraint: Member must /);
    if (ROWS[index]![2]) expect([outcome.unknown!.status, outcome.unknown!.code]).toEqual([404, 'ResourceNotFoundException']);
  });
});
