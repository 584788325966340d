// CreateTrustAnchor's certificate rules through @aws-sdk/client-rolesanywhere: keyUsage with
// keyCertSign is required, public CAs (Node's bundled root store) are refused, and the bundle may
// be up to the current model's 204,800 characters.
import { CreateTrustAnchorCommand, RolesAnywhereClient, RolesAnywhereServiceException, UpdateTrustAnchorCommand } from '@aws-sdk/client-rolesanywhere';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/index.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';

let emulator: RunningEmulator;
let root: TestIdentity;

function client(): RolesAnywhereClient {
  return new RolesAnywhereClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxAttempts: 1 });
}

const source = (pem: string) => ({ sourceType: 'CERTIFICATE_BUNDLE' as const, sourceData: { x509CertificateData: pem } });

async function refusal(pem: string): Promise<[string, string]> {
  try {
    await client().send(new CreateTrustAnchorCommand({ name: 'rules', source: source(pem) }));
  } catch (error) {
    if (error instanceof RolesAnywhereServiceException) return [error.name, error.message];
    throw error;
  }
  return ['created', ''];
}

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=rules root' });
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

describe('trust-anchor certificate rules', () => {
  it('accepts a CA with keyCertSign, and an intermediate CA as anchor', async () => {
    const intermediate = await issueTestCertificate(root, { subject: 'CN=rules intermediate', isCa: true });
    expect(await refusal(root.certPem)).toEqual(['created', '']);
    expect(await refusal(intermediate.certPem)).toEqual(['created', '']);
  });

  it('refuses a CA certificate without keyUsage, or whose keyUsage lacks keyCertSign', async () => {
    const noKeyUsage = await issueTestCertificate(root, { subject: 'CN=no key usage', isCa: true, keyUsage: null });
    const crlOnly = await issueTestCertificate(root, { subject: 'CN=crl only', isCa: true, keyUsage: 2 /* cRLSign */ });
    expect(await refusal(noKeyUsage.certPem)).toEqual(['ValidationException', 'Invalid CA certificate']);
    expect(await refusal(crlOnly.certPem)).toEqual(['ValidationException', 'Invalid CA certificate']);
  });

  it('refuses certificates from public CAs, alone or beside a private CA, also on update', async () => {
    const expected = ['ValidationException', 'Certificates from public CAs cannot be used as trust anchors'];
    expect(await refusal(rootCertificates[0]!)).toEqual(expected);
    expect(await refusal(`${root.certPem}${rootCertificates[rootCertificates.length - 1]!}\n`)).toEqual(expected);
    const { trustAnchor } = await client().send(new CreateTrustAnchorCommand({ name: 'private', source: source(root.certPem) }));
    const update = client().send(new UpdateTrustAnchorCommand({ trustAnchorId: trustAnchor!.trustAnchorId, source: source(rootCertificates[1]!) }));
    await expect(update).rejects.toThrow('Certificates from public CAs cannot be used as trust anchors');
  });

  it('takes x509CertificateData up to 204,800 characters and refuses one more', async () => {
    const padded = (length: number) => `${root.certPem}${'#'.repeat(length - root.certPem.length - 1)}\n`;
    expect(padded(204_800).length).toBe(204_800);
    expect(await refusal(padded(204_800))).toEqual(['created', '']);
    const [name, message] = await refusal(padded(204_801));
    expect(name).toBe('ValidationException');
    expect(message).toMatch(/^1 validation error detected: Value '.*' at 'source\.sourceData\.x509CertificateData' failed to satisfy constraint: Member must have length less than or equal to 204800$/s);
  });
});
