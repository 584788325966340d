// The --events record of every CreateSession, in CloudTrail's JSON record shape: allowed and
// denied sessions, the certificate serial, the principal tags, the decision and its reason, and
// never a secret; the built CLI creates the file 0600 and appends one line per call.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { startEmulatorProcess } from '../support/emulator-process.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';
import { tempDir } from './helper-support/fixtures.js';

let dir: string;
let fixture: EmulatorFixture;
let alice: TestIdentity;
let mallory: TestIdentity;

const strictPolicy = (anchorArn: string) => ({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Service: 'rolesanywhere.amazonaws.com' },
      Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
      Condition: { ArnEquals: { 'aws:SourceArn': anchorArn }, StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'alice' } },
    },
  ],
});

function records(): Array<Record<string, any>> {
  return readFileSync(join(dir, 'events.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, any>);
}

async function session(identity: TestIdentity) {
  return callCreateSession({
    url: fixture.emulator.url,
    signer: signerFromIdentity(identity),
    trustAnchorArn: fixture.trustAnchorArn,
    profileArn: fixture.profileArn,
    roleArn: fixture.roleArn,
    body: { durationSeconds: 900 },
  });
}

beforeAll(async () => {
  dir = tempDir('iamra-emulator-events-');
  const root = await createTestRoot({ subject: 'CN=events root,O=iamra' });
  alice = await issueTestCertificate(root, { subject: 'CN=alice,OU=Platform', serialHex: '0a1b2c' });
  mallory = await issueTestCertificate(root, { subject: 'CN=mallory', serialHex: '0bad' });
  fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], options: { eventsPath: join(dir, 'events.jsonl') } });
  await fixture.emulator.putRole({ arn: fixture.roleArn, trustPolicy: strictPolicy(fixture.trustAnchorArn) });
});
afterAll(() => fixture.stop());

describe('CreateSession events', () => {
  it('records an allowed session as CloudTrail does, without the secret key or the session token', async () => {
    const answer = await session(alice);
    expect(answer.status).toBe(201);
    const [record] = records();
    expect(record).toMatchObject({
      eventVersion: '1.09',
      eventSource: 'rolesanywhere.amazonaws.com',
      eventName: 'CreateSession',
      awsRegion: 'us-east-1',
      sourceIPAddress: '127.0.0.1',
      requestParameters: { trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn, durationSeconds: 900 },
      eventType: 'AwsApiCall',
      recipientAccountId: '123456789012',
      additionalEventData: { x509CertificateSerialNumber: '0a1b2c', decision: 'allow', reason: 'allowed' },
    });
    expect(record!.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(record!.additionalEventData.principalTags).toMatchObject({ 'x509Subject/CN': 'alice', 'x509Subject/OU': 'Platform', 'x509Issuer/O': 'iamra' });
    const issued = (answer.json.credentialSet as Array<{ credentials: Record<string, string> }>)[0]!.credentials;
    expect(record!.responseElements.credentialSet[0].credentials).toEqual({ accessKeyId: issued.accessKeyId, expiration: issued.expiration });
    const text = readFileSync(join(dir, 'events.jsonl'), 'utf8');
    expect(text).not.toContain(issued.secretAccessKey!);
    expect(text).not.toContain(issued.sessionToken!);
  });

  it('records a denied session with the error, the tags and the reason the trust policy gave', async () => {
    expect((await session(mallory)).status).toBe(403);
    const record = records().at(-1)!;
    expect(record).toMatchObject({
      errorCode: 'AccessDeniedException',
      errorMessage: `Unable to assume role for ${fixture.roleArn}`,
      responseElements: null,
      additionalEventData: { x509CertificateSerialNumber: '0bad', principalTags: { 'x509Subject/CN': 'mallory' }, decision: 'deny' },
    });
    expect(record.additionalEventData.reason).toContain('StringEquals aws:PrincipalTag/x509Subject/CN');
    expect(records()).toHaveLength(2);
  });
});

describe('iamra emulator --events', () => {
  it('creates the file 0600 and appends a record for a request that fails before any certificate is read', async () => {
    const cliDir = tempDir('iamra-emulator-events-cli-');
    const emulator = await startEmulatorProcess(['--events', 'events.jsonl'], { cwd: cliDir });
    try {
      const answer = await fetch(`${emulator.url}/sessions`, { method: 'POST', body: '{}', headers: { 'user-agent': 'events-test/1.0' } });
      expect(answer.status).toBe(403);
    } finally {
      await emulator.stop();
    }
    const path = join(cliDir, 'events.jsonl');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, any>;
    expect(record).toMatchObject({ userAgent: 'events-test/1.0', errorCode: 'AccessDeniedException', errorMessage: 'Invalid signature', requestParameters: null });
    expect(record.additionalEventData).toEqual({ decision: 'deny', reason: 'no Authorization header' });
  });
});
