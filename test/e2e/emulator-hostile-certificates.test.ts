// Issue 9: hostile certificates (off-curve EC points, malformed DER, garbage PEM) sent to the
// emulator are a 4xx with the service's error type, never a 500: in X-Amz-X509, in
// X-Amz-X509-Chain, and in a trust anchor's bundle created through a real SDK client.
import { CreateTrustAnchorCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { hostileCertificates, type HostileCertificate } from '../support/hostile-certificates.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';
import { decodePemBlocks, isPem } from '../../x509/pem.js';

let root: TestIdentity;
let leaf: TestIdentity;
let fixture: EmulatorFixture;
let leafCases: HostileCertificate[];
let caCases: HostileCertificate[];

/** The DER a client would put in the header: the PEM body as decoded, or the raw bytes. */
function derOf(data: Buffer): Buffer {
  return isPem(data) ? decodePemBlocks(data.toString('latin1'))[0]!.der : data;
}

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=hostile emulator root' });
  leaf = await issueTestCertificate(root, { subject: 'CN=workload' });
  leafCases = await hostileCertificates(root);
  caCases = await hostileCertificates(root, { isCa: true });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem] });
});

afterAll(async () => fixture?.stop());

function session(signer: ReturnType<typeof signerFromIdentity>) {
  return callCreateSession({ url: fixture.emulator.url, signer, trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn });
}

describe('issue 9: hostile certificates at the emulator', () => {
  it('a good certificate gets a session (the fixture works)', async () => {
    expect((await session(signerFromIdentity(leaf))).status).toBe(201);
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('CreateSession with hostile X-Amz-X509 case %i is a 4xx', async (index) => {
    const hostile = leafCases[index]!;
    const signer = { ...signerFromIdentity(leaf), certificateDer: derOf(hostile.data) };
    const answer = await session(signer);
    expect({ name: hostile.name, status: answer.status }).toEqual({ name: hostile.name, status: 403 });
    expect(answer.errorType).toBe('AccessDeniedException');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('CreateSession with hostile X-Amz-X509-Chain case %i is a 4xx', async (index) => {
    const hostile = caCases[index]!;
    const signer = { ...signerFromIdentity(leaf), chainDer: [derOf(hostile.data)] };
    const answer = await session(signer);
    expect({ name: hostile.name, status: answer.status }).toEqual({ name: hostile.name, status: 403 });
    expect(answer.errorType).toBe('AccessDeniedException');
  });

  it.each([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])('CreateTrustAnchor with hostile bundle case %i is a ValidationException', async (index) => {
    const hostile = caCases[index]!;
    const client = new RolesAnywhereClient({ region: 'us-east-1', endpoint: fixture.emulator.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
    const bundle = isPem(hostile.data) ? hostile.data.toString('latin1') : `-----BEGIN CERTIFICATE-----\n${hostile.data.toString('base64')}\n-----END CERTIFICATE-----\n`;
    const error = await client
      .send(new CreateTrustAnchorCommand({ name: `hostile-${index}`, source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: bundle } } }))
      .then(() => undefined, (e: unknown) => e as { name: string; $metadata: { httpStatusCode?: number } });
    expect({ name: hostile.name, error: error?.name, status: error?.$metadata.httpStatusCode }).toEqual({ name: hostile.name, error: 'ValidationException', status: 400 });
    client.destroy();
  });
});
