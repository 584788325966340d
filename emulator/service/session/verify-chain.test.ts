// Certificate paths at CreateSession (roles-anywhere.md §2, §3.3): intermediate CAs as anchors,
// the five-certificate chain limit, two-certificate anchors, CRLs issued by intermediates, and
// the nextUpdate policy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture, type EmulatorFixtureOptions } from '../../../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../../../test/support/pki.js';
import { callCreateSession, signerFromIdentity } from '../../../test/support/session-client.js';
import { buildTestCrl } from '../../../test/support/test-crl.js';

let root: TestIdentity;
let intermediate: TestIdentity;
let leafUnderIntermediate: TestIdentity;
let leafUnderRoot: TestIdentity;
let secondRoot: TestIdentity;
let leafUnderSecond: TestIdentity;
const running: EmulatorFixture[] = [];

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=chain root' });
  intermediate = await issueTestCertificate(root, { subject: 'CN=chain intermediate', isCa: true });
  leafUnderIntermediate = await issueTestCertificate(intermediate, { subject: 'CN=deep leaf' });
  leafUnderRoot = await issueTestCertificate(root, { subject: 'CN=shallow leaf' });
  secondRoot = await createTestRoot({ subject: 'CN=rotated root' });
  leafUnderSecond = await issueTestCertificate(secondRoot, { subject: 'CN=rotated leaf' });
});

afterAll(async () => {
  for (const f of running) await f.stop();
});

async function fixture(options: EmulatorFixtureOptions): Promise<EmulatorFixture> {
  const started = await startEmulatorWithAnchor(options);
  running.push(started);
  return started;
}

async function session(f: EmulatorFixture, leaf: TestIdentity, chain: TestIdentity[] = []): Promise<[number, unknown]> {
  const answer = await callCreateSession({
    url: f.emulator.url,
    signer: signerFromIdentity(leaf, chain),
    trustAnchorArn: f.trustAnchorArn,
    profileArn: f.profileArn,
    roleArn: f.roleArn,
  });
  return [answer.status, answer.json.message];
}

describe('certificate paths', () => {
  it('accepts an intermediate CA as the trust anchor, with or without it in the chain', async () => {
    const f = await fixture({ caCertPems: [intermediate.certPem] });
    expect((await session(f, leafUnderIntermediate))[0]).toBe(201);
    expect((await session(f, leafUnderIntermediate, [intermediate]))[0]).toBe(201);
    expect(await session(f, leafUnderRoot)).toEqual([403, 'Untrusted signing certificate']);
  });

  it('accepts either certificate of a two-certificate anchor (CA rotation)', async () => {
    const f = await fixture({ caCertPems: [root.certPem, secondRoot.certPem] });
    expect((await session(f, leafUnderRoot))[0]).toBe(201);
    expect((await session(f, leafUnderSecond))[0]).toBe(201);
  });

  it('refuses an X-Amz-X509-Chain of more than five certificates', async () => {
    const f = await fixture({ caCertPems: [root.certPem] });
    const six = Array.from({ length: 6 }, () => intermediate);
    expect(await session(f, leafUnderIntermediate, six)).toEqual([403, 'Untrusted signing certificate']);
    expect((await session(f, leafUnderIntermediate, six.slice(0, 5)))[0]).toBe(201);
  });
});

describe('key sizes and curves', () => {
  it('refuses an RSA-1024 leaf by default and accepts RSA-1024 with allowRsa1024', async () => {
    const weak = await issueTestCertificate(root, { subject: 'CN=weak', keyType: 'rsa-1024' });
    const strict = await fixture({ caCertPems: [root.certPem] });
    expect(await session(strict, weak)).toEqual([403, 'Untrusted signing certificate']);
    const lenient = await fixture({ caCertPems: [root.certPem], options: { allowRsa1024: true } });
    expect((await session(lenient, weak))[0]).toBe(201);
  });

  it('refuses an RSA-1024 trust anchor certificate', async () => {
    const weakRoot = await createTestRoot({ subject: 'CN=weak root', keyType: 'rsa-1024' });
    await expect(fixture({ caCertPems: [weakRoot.certPem] })).rejects.toMatchObject({ type: 'ValidationException', message: 'Invalid CA certificate' });
  });
});

describe('CRLs along the path', () => {
  it('revokes a leaf through a CRL issued by the intermediate the client sends', async () => {
    const f = await fixture({ caCertPems: [root.certPem] });
    const crl = buildTestCrl({ issuer: intermediate, revokedSerials: [leafUnderIntermediate.serialHex] });
    await f.emulator.control.importCrl({ name: 'intermediate', crlData: crl.der, trustAnchorArn: f.trustAnchorArn, enabled: true });
    expect(await session(f, leafUnderIntermediate, [intermediate])).toEqual([403, 'Certificate revoked']);
    expect((await session(f, leafUnderRoot))[0]).toBe(201);
  });

  it('revokes every leaf below a revoked intermediate', async () => {
    const f = await fixture({ caCertPems: [root.certPem] });
    const crl = buildTestCrl({ issuer: root, revokedSerials: [intermediate.serialHex] });
    await f.emulator.control.importCrl({ name: 'root', crlData: Buffer.from(crl.pem), trustAnchorArn: f.trustAnchorArn, enabled: true });
    expect(await session(f, leafUnderIntermediate, [intermediate])).toEqual([403, 'Certificate revoked']);
  });

  it('uses a CRL past its nextUpdate by default, and refuses with --crl-next-update fail-closed', async () => {
    const stale = buildTestCrl({ issuer: root, revokedSerials: ['0badf00d'], thisUpdate: new Date(Date.now() - 3 * 86_400_000), nextUpdate: new Date(Date.now() - 86_400_000) });
    const lenient = await fixture({ caCertPems: [root.certPem] });
    await lenient.emulator.control.importCrl({ name: 'stale', crlData: stale.der, trustAnchorArn: lenient.trustAnchorArn, enabled: true });
    expect((await session(lenient, leafUnderRoot))[0]).toBe(201);
    const strict = await fixture({ caCertPems: [root.certPem], options: { crlNextUpdate: 'fail-closed' } });
    await strict.emulator.control.importCrl({ name: 'stale', crlData: stale.der, trustAnchorArn: strict.trustAnchorArn, enabled: true });
    expect(await session(strict, leafUnderRoot)).toEqual([403, 'Untrusted signing certificate']);
  });

  it('applies an UpdateCrl at once, even with a frozen clock', async () => {
    const frozen = new Date();
    const f = await fixture({ caCertPems: [root.certPem], now: () => frozen });
    const empty = buildTestCrl({ issuer: root, revokedSerials: [] });
    const { crl } = await f.emulator.control.importCrl({ name: 'rolling', crlData: empty.der, trustAnchorArn: f.trustAnchorArn, enabled: true });
    expect((await session(f, leafUnderRoot))[0]).toBe(201);
    const next = buildTestCrl({ issuer: root, revokedSerials: [leafUnderRoot.serialHex] });
    await f.emulator.control.updateCrl({ crlId: crl.crlId, crlData: next.der });
    expect(await session(f, leafUnderRoot)).toEqual([403, 'Certificate revoked']);
  });
});

describe('throttling', () => {
  it('answers 429 ThrottlingException past the configured rate, per certificate', async () => {
    const frozen = new Date();
    const f = await fixture({ caCertPems: [root.certPem], now: () => frozen, options: { sessionRatePerSecond: 2 } });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await session(f, leafUnderRoot));
    expect(answers.map(([status]) => status)).toEqual([201, 201, 429]);
    expect(answers[2]).toEqual([429, 'Rate exceeded']);
    expect((await session(f, leafUnderIntermediate, [intermediate]))[0]).toBe(201);
  });
});
