// @aws-sdk/client-rolesanywhere (3.332, a real SDK client) against the emulator's endpoint:
// resources, blobs, dates, paginators, typed errors, and signature checking with access keys.
import {
  CreateProfileCommand,
  CreateTrustAnchorCommand,
  GetCrlCommand,
  ImportCrlCommand,
  ListTrustAnchorsCommand,
  paginateListTrustAnchors,
  RolesAnywhereClient,
  UpdateProfileCommand,
} from '@aws-sdk/client-rolesanywhere';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { createTestRoot, type TestIdentity } from '../support/pki.js';
import { buildTestCrl } from '../support/test-crl.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
let emulator: RunningEmulator;
let root: TestIdentity;

function client(secretAccessKey = SECRET): RolesAnywhereClient {
  return new RolesAnywhereClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey }, maxAttempts: 1 });
}

const source = () => ({ sourceType: 'CERTIFICATE_BUNDLE' as const, sourceData: { x509CertificateData: root.certPem } });

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=sdk root' });
  emulator = await startEmulator({ accessKeys: { AKIDEXAMPLE: SECRET } });
});

afterAll(() => emulator.stop());

describe('@aws-sdk/client-rolesanywhere against the emulator', () => {
  it('creates a trust anchor and reads dates as Dates', async () => {
    const { trustAnchor } = await client().send(new CreateTrustAnchorCommand({ name: 'sdk anchor', source: source(), enabled: true }));
    expect(trustAnchor?.enabled).toBe(true);
    expect(trustAnchor?.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(trustAnchor!.createdAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('round-trips a CRL blob', async () => {
    const { trustAnchors } = await client().send(new ListTrustAnchorsCommand({}));
    const crl = buildTestCrl({ issuer: root, revokedSerials: ['0badc0de'] });
    const { crl: imported } = await client().send(
      new ImportCrlCommand({ name: 'sdk-crl', crlData: Buffer.from(crl.pem), trustAnchorArn: trustAnchors![0]!.trustAnchorArn!, enabled: true }),
    );
    const { crl: fetched } = await client().send(new GetCrlCommand({ crlId: imported!.crlId! }));
    expect(Buffer.from(fetched!.crlData!).toString()).toBe(crl.pem);
  });

  it('pages through trust anchors with the paginator', async () => {
    for (const name of ['sdk-2', 'sdk-3', 'sdk-4']) await client().send(new CreateTrustAnchorCommand({ name, source: source() }));
    const names: string[] = [];
    for await (const page of paginateListTrustAnchors({ client: client(), pageSize: 2 }, {})) names.push(...page.trustAnchors!.map((a) => a.name!));
    expect(names).toEqual(['sdk anchor', 'sdk-2', 'sdk-3', 'sdk-4']);
  });

  it('raises the modelled exceptions', async () => {
    const { profile } = await client().send(new CreateProfileCommand({ name: 'sdk-profile', roleArns: ['arn:aws:iam::123456789012:role/r'] }));
    const invalid = client().send(new UpdateProfileCommand({ profileId: profile!.profileId!, durationSeconds: 60 }));
    await expect(invalid).rejects.toMatchObject({
      name: 'ValidationException',
      message: "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
      $metadata: { httpStatusCode: 400 },
    });
    const missing = client().send(new UpdateProfileCommand({ profileId: '00000000-0000-0000-0000-000000000000', name: 'x' }));
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
  });

  it('refuses a request signed with the wrong secret when access keys are configured', async () => {
    await expect(client('wrong-secret').send(new ListTrustAnchorsCommand({}))).rejects.toMatchObject({
      name: 'InvalidSignatureException',
      $metadata: { httpStatusCode: 403 },
    });
  });

  it('refuses an unsigned control-plane request', async () => {
    const answer = await fetch(`${emulator.url}/trustanchors`);
    expect([answer.status, answer.headers.get('x-amzn-errortype'), await answer.json()]).toEqual([
      403,
      'MissingAuthenticationTokenException',
      { message: 'Missing Authentication Token' },
    ]);
  });
});
