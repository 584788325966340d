// CreateSession through HTTP: the happy paths (ARNs in query or body, intermediates, custom
// session name) and the request-level refusals (signature, signed headers, chain header, skew).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../../../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../../../test/support/pki.js';
import {
  callCreateSession,
  prepareSession,
  resign,
  sendRaw,
  signerFromIdentity,
  type HttpAnswer,
  type SessionInput,
} from '../../../test/support/session-client.js';

let fixture: EmulatorFixture;
let root: TestIdentity;
let intermediate: TestIdentity;
let leaf: TestIdentity;
let chainedLeaf: TestIdentity;
let rsaLeaf: TestIdentity;
const log: string[] = [];

beforeAll(async () => {
  root = await createTestRoot({ subject: 'CN=session root,O=iamra' });
  intermediate = await issueTestCertificate(root, { subject: 'CN=session intermediate', isCa: true });
  leaf = await issueTestCertificate(root, { subject: 'CN=alice,OU=Security,OU=Engineering', serialHex: '1002' });
  chainedLeaf = await issueTestCertificate(intermediate, { subject: 'CN=bob' });
  rsaLeaf = await issueTestCertificate(root, { subject: 'CN=carol', keyType: 'rsa-2048' });
  fixture = await startEmulatorWithAnchor({
    caCertPems: [root.certPem],
    profile: { acceptRoleSessionName: true },
    options: { log: (line) => log.push(line) },
  });
});

afterAll(() => fixture.stop());

function input(identity: TestIdentity, extra: Partial<SessionInput> = {}, chain: TestIdentity[] = []): SessionInput {
  return {
    url: fixture.emulator.url,
    signer: signerFromIdentity(identity, chain),
    trustAnchorArn: fixture.trustAnchorArn,
    profileArn: fixture.profileArn,
    roleArn: fixture.roleArn,
    ...extra,
  };
}

function refusal(answer: HttpAnswer): [number, string | undefined, unknown] {
  return [answer.status, answer.errorType, answer.json.message];
}

describe('CreateSession accepted', () => {
  it('answers 201 with the credential set, session named after the hex serial', async () => {
    const answer = await callCreateSession(input(leaf));
    expect(answer.status).toBe(201);
    // Non-null: a 201 answer carries exactly one credential set.
    const entry = (answer.json.credentialSet as Array<Record<string, unknown>>)[0]!;
    expect(entry.roleArn).toBe(fixture.roleArn);
    expect(entry.sourceIdentity).toBe('CN=alice');
    expect(entry.assumedRoleUser).toMatchObject({ arn: 'arn:aws:sts::123456789012:assumed-role/iamra-test/1002' });
    const credentials = entry.credentials as Record<string, string>;
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.secretAccessKey).toHaveLength(40);
    expect(Date.parse(credentials.expiration!) - Date.now()).toBeGreaterThan(3500_000);
    expect(answer.json.subjectArn).toMatch(/^arn:aws:rolesanywhere:us-east-1:123456789012:subject\/[0-9a-f-]{36}$/);
  });

  it('accepts the ARNs in the JSON body', async () => {
    expect((await callCreateSession(input(leaf, { arnsIn: 'body' }))).status).toBe(201);
  });

  it('accepts an RSA-2048 certificate', async () => {
    expect((await callCreateSession(input(rsaLeaf))).status).toBe(201);
  });

  it('builds the path through an intermediate sent in X-Amz-X509-Chain', async () => {
    expect((await callCreateSession(input(chainedLeaf, {}, [intermediate]))).status).toBe(201);
  });

  it('honours roleSessionName when the profile accepts it', async () => {
    const answer = await callCreateSession(input(leaf, { body: { roleSessionName: 'my-session' } }));
    const entry = (answer.json.credentialSet as Array<{ assumedRoleUser: { arn: string } }>)[0]!;
    expect(entry.assumedRoleUser.arn).toBe('arn:aws:sts::123456789012:assumed-role/iamra-test/my-session');
  });

  it('records the subject with the certificates and instance properties seen', async () => {
    await callCreateSession(input(leaf, { body: { instanceProperties: { host: 'build-7' } } }));
    const { subjects } = await fixture.emulator.control.listSubjects();
    const alice = subjects.find((s) => s.x509Subject.startsWith('CN=alice'))!;
    const { subject } = await fixture.emulator.control.getSubject({ subjectId: alice.subjectId });
    expect(subject.credentials[0]).toMatchObject({ serialNumber: '1002', failed: false, enabled: true });
    expect(subject.instanceProperties[0]).toMatchObject({ properties: { host: 'build-7' }, failed: false });
  });
});

describe('CreateSession refused before any trust decision', () => {
  it('an intermediate the client does not send: Untrusted signing certificate', async () => {
    expect(refusal(await callCreateSession(input(chainedLeaf)))).toEqual([403, 'AccessDeniedException', 'Untrusted signing certificate']);
  });

  it('signed headers without x-amz-x509: Invalid signature', async () => {
    const prepared = await prepareSession(input(leaf));
    await resign(prepared, signerFromIdentity(leaf), ['content-type', 'host', 'x-amz-date']);
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toContain('x-amz-x509 is not in SignedHeaders');
  });

  it('signed headers without host: Invalid signature', async () => {
    const prepared = await prepareSession(input(leaf));
    await resign(prepared, signerFromIdentity(leaf), ['content-type', 'x-amz-date', 'x-amz-x509']);
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toContain('host is not in SignedHeaders');
  });

  it('an X-Amz-X509-Chain header that is not signed: Invalid signature', async () => {
    const prepared = await prepareSession(input(chainedLeaf));
    prepared.headers['x-amz-x509-chain'] = Buffer.from(intermediate.certificate.rawData).toString('base64');
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toContain('x-amz-x509-chain is not in SignedHeaders');
  });

  it('an empty X-Amz-X509-Chain header, even signed: Invalid signature', async () => {
    const prepared = await prepareSession(input(leaf));
    prepared.headers['x-amz-x509-chain'] = '';
    await resign(prepared, signerFromIdentity(leaf), ['content-type', 'host', 'x-amz-date', 'x-amz-x509', 'x-amz-x509-chain']);
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toContain('X-Amz-X509-Chain header is empty');
  });

});

describe('CreateSession refused for its credential, clock or parameters', () => {
  it('a wrong serial in Credential: Invalid signature', async () => {
    const prepared = await prepareSession(input(leaf));
    prepared.headers.authorization = prepared.headers.authorization!.replace('Credential=4098/', 'Credential=4097/');
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toContain('Credential serial 4097');
  });

  it('a clock skewed by six minutes: Invalid signature', async () => {
    const answer = await callCreateSession(input(leaf, { now: new Date(Date.now() - 6 * 60_000) }));
    expect(refusal(answer)).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
    expect(log.at(-1)).toMatch(/X-Amz-Date is 36\d s from the emulator's clock/);
  });

  it('a scope for another region: Invalid signature', async () => {
    const answer = await callCreateSession(input(leaf, { region: 'eu-west-1' }));
    expect(refusal(answer)).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
  });

  it('a signature from another key: Invalid signature', async () => {
    const prepared = await prepareSession({ ...input(leaf), signer: { ...signerFromIdentity(leaf), key: signerFromIdentity(chainedLeaf).key } });
    expect(refusal(await sendRaw(fixture.emulator.url, prepared))).toEqual([403, 'AccessDeniedException', 'Invalid signature']);
  });

  it('a durationSeconds below 900: the validation message', async () => {
    const answer = await callCreateSession(input(leaf, { body: { durationSeconds: 800 } }));
    expect(refusal(answer)).toEqual([
      400,
      'ValidationException',
      "1 validation error detected: Value '800' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    ]);
  });
});

describe('CreateSession with malformed certificates', () => {
  it('answers 403 Invalid signature to 150 corrupted X-Amz-X509 certificates, and keeps serving', async () => {
    const prepared = await prepareSession(input(leaf));
    const der = Buffer.from(prepared.headers['x-amz-x509']!, 'base64');
    let seed = 0x2545f491;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const statuses = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const mutated = Buffer.from(i % 3 === 0 ? der.subarray(0, next() % der.length) : der);
      if (i % 3 !== 0) for (let j = 0; j < 1 + (i % 4); j++) mutated[next() % mutated.length]! ^= 1 << next() % 8;
      const answer = await sendRaw(fixture.emulator.url, { ...prepared, headers: { ...prepared.headers, 'x-amz-x509': mutated.toString('base64') } });
      statuses.add(`${answer.status} ${String(answer.json.message)}`);
    }
    expect([...statuses]).toEqual(['403 Invalid signature']);
    expect((await callCreateSession(input(leaf))).status).toBe(201);
  });
});
