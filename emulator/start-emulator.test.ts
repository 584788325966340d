// startEmulator: HTTPS with its self-signed certificate, SQLite state that survives a restart,
// roles added while it runs, and stop() releasing the port and the certificate file.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissiveTrustPolicy, startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../test/support/pki.js';
import { callCreateSession, signerFromIdentity } from '../test/support/session-client.js';
import { startEmulator } from './index.js';

let root: TestIdentity;
let leaf: TestIdentity;
let dir: string;

beforeAll(async () => {
  root = await createTestRoot();
  leaf = await issueTestCertificate(root, { subject: 'CN=tls client' });
  dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-test-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startEmulator', () => {
  it('serves CreateSession over HTTPS with a certificate clients can trust', async () => {
    const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], tls: true });
    const { url, caCertPath } = fixture.emulator;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = readFileSync(caCertPath!, 'utf8');
    const answer = await callCreateSession(
      { url, signer: signerFromIdentity(leaf), trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn },
      { ca },
    );
    expect(answer.status).toBe(201);
    await fixture.stop();
    expect(existsSync(caCertPath!)).toBe(false);
  });

  it('keeps its state in a SQLite file across restarts', async () => {
    const statePath = join(dir, 'state.db');
    const first = await startEmulator({ statePath });
    const { trustAnchor } = await first.control.createTrustAnchor({
      name: 'persisted',
      source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } },
      enabled: true,
    });
    await first.putRole({ arn: 'arn:aws:iam::123456789012:role/kept', trustPolicy: permissiveTrustPolicy(trustAnchor.trustAnchorArn) });
    await first.stop();
    const second = await startEmulator({ statePath });
    const { trustAnchors } = await second.control.listTrustAnchors();
    expect(trustAnchors.map((a) => [a.trustAnchorId, a.name, a.enabled])).toEqual([[trustAnchor.trustAnchorId, 'persisted', true]]);
    const roles = (await (await fetch(`${second.url}/_iamra/roles`)).json()) as { roles: Array<{ arn: string }> };
    expect(roles.roles.map((r) => r.arn)).toEqual(['arn:aws:iam::123456789012:role/kept']);
    await second.stop();
  });

  it('takes roles over PUT /_iamra/roles and refuses an invalid trust policy', async () => {
    const emulator = await startEmulator();
    const put = (body: unknown) => fetch(`${emulator.url}/_iamra/roles`, { method: 'PUT', body: JSON.stringify(body) });
    const ok = await put({ roles: [{ arn: 'arn:aws:iam::123456789012:role/a', trustPolicy: permissiveTrustPolicy('arn:x') }] });
    expect(ok.status).toBe(200);
    const bad = await put({ arn: 'arn:aws:iam::123456789012:role/b', trustPolicy: { Statement: [{ Effect: 'Maybe' }] } });
    expect([bad.status, bad.headers.get('x-amzn-errortype')]).toEqual([400, 'ValidationException']);
    expect(((await bad.json()) as { message: string }).message).toMatch(/^Invalid trust policy for arn:aws:iam::123456789012:role\/b: Statement\[0\]\.Effect/);
    await emulator.stop();
  });
});
