// The official helper's two captured CreateSession requests (test/vectors/official-helper-capture)
// are accepted with the clock at their X-Amz-Date, and refused after a one-bit change to any
// signed part.
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAmzDate } from '../../../credential-process/sigv4-x509/amz-date.js';
import { captureFile, officialCapture, type CaptureVector } from '../../../test/support/official-capture.js';
import { sendRaw, type PreparedSession } from '../../../test/support/session-client.js';
import { startEmulator, type RunningEmulator } from '../../index.js';

const capture = officialCapture;
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

let emulator: RunningEmulator;
let clock = new Date(0);

beforeAll(async () => {
  const ids = [...capture.cases.map((c) => idOf(c.trust_anchor_arn)), idOf(capture.cases[0]!.profile_arn)];
  emulator = await startEmulator({ region: 'us-east-2', account: '291738886548', now: () => clock, newId: () => ids.shift()! });
  for (const vector of capture.cases) {
    await emulator.control.createTrustAnchor({
      name: `capture-${vector.name}`,
      source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: captureFile(vector.ca).toString('utf8') } },
      enabled: true,
    });
  }
  await emulator.control.createProfile({ name: 'capture', roleArns: [capture.cases[0]!.role_arn], enabled: true });
  await emulator.putRole({
    arn: capture.cases[0]!.role_arn,
    trustPolicy: {
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'rolesanywhere.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
          Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:rolesanywhere:us-east-2:291738886548:trust-anchor/*' } },
        },
      ],
    },
  });
});

afterAll(() => emulator.stop());

function captured(vector: CaptureVector): PreparedSession {
  const certificate = new X509Certificate(captureFile(vector.certificate));
  return {
    path: '/sessions',
    query: vector.query,
    body: vector.body,
    headers: {
      'content-type': 'application/json',
      host: capture.host,
      'x-amz-date': vector.x_amz_date,
      'x-amz-x509': certificate.raw.toString('base64'),
      authorization: vector.authorization,
    },
  };
}

/** Flips bit 0 of the character at `index` of `text`. */
function flip(text: string, index: number): string {
  return text.slice(0, index) + String.fromCharCode(text.charCodeAt(index) ^ 1) + text.slice(index + 1);
}

/** A position in base64 text whose bit-0 flip is still a base64 letter (b<->c, d<->e, ...). */
function flippableBase64Index(text: string): number {
  for (let i = Math.floor(text.length / 2); i < text.length; i++) if (/[b-y]/.test(text[i]!) && /[a-z]/.test(String.fromCharCode(text.charCodeAt(i) ^ 1))) return i;
  throw new Error('no flippable character');
}

type Tamper = [string, (p: PreparedSession) => void];
const TAMPERS: Tamper[] = [
  ['body', (p) => (p.body = flip(p.body, p.body.indexOf('3600') + 3))],
  ['query (roleArn)', (p) => (p.query = flip(p.query, p.query.indexOf('rolesanywhere1') + 13))],
  ['host header', (p) => (p.headers.host = flip(p.headers.host!, p.headers.host!.length - 1))],
  ['content-type header', (p) => (p.headers['content-type'] = flip(p.headers['content-type']!, 14))],
  ['x-amz-date header', (p) => (p.headers['x-amz-date'] = flip(p.headers['x-amz-date']!, 14))],
  ['x-amz-x509 header', (p) => (p.headers['x-amz-x509'] = flip(p.headers['x-amz-x509']!, flippableBase64Index(p.headers['x-amz-x509']!)))],
  ['signature', (p) => (p.headers.authorization = flip(p.headers.authorization!, p.headers.authorization!.indexOf('Signature=') + 10))],
  ['credential serial', (p) => (p.headers.authorization = flip(p.headers.authorization!, p.headers.authorization!.indexOf('/') - 1))],
  ['scope date', (p) => (p.headers.authorization = flip(p.headers.authorization!, p.headers.authorization!.indexOf('/') + 8))],
  ['scope region', (p) => (p.headers.authorization = flip(p.headers.authorization!, p.headers.authorization!.indexOf('us-east-2') + 8))],
  ['signed headers list', (p) => (p.headers.authorization = flip(p.headers.authorization!, p.headers.authorization!.indexOf(';host') + 4))],
  ['algorithm', (p) => (p.headers.authorization = flip(p.headers.authorization!, 3))],
];

describe.each(capture.cases)('captured request $name', (vector) => {
  it('is accepted with the clock at its X-Amz-Date', async () => {
    clock = parseAmzDate(vector.x_amz_date)!;
    const answer = await sendRaw(emulator.url, captured(vector));
    expect(answer.status).toBe(201);
    const entry = (answer.json.credentialSet as Array<Record<string, unknown>>)[0]!;
    expect(entry.roleArn).toBe(vector.role_arn);
    expect(entry.sourceIdentity).toBe('CN=alice-cert.domain.com');
    expect((entry.credentials as { expiration: string }).expiration).toBe(new Date(clock.getTime() + 3600_000).toISOString().replace('.000', ''));
  });

  it.each(TAMPERS)('is refused with one bit changed in the %s', async (_name, tamper) => {
    clock = parseAmzDate(vector.x_amz_date)!;
    const prepared = captured(vector);
    const before = JSON.stringify(prepared);
    tamper(prepared);
    expect(JSON.stringify(prepared)).not.toBe(before);
    const answer = await sendRaw(emulator.url, prepared);
    expect({ status: answer.status, type: answer.errorType, body: answer.json }).toEqual({
      status: 403,
      type: 'AccessDeniedException',
      body: { message: 'Invalid signature' },
    });
  });

  it('is refused six minutes after its X-Amz-Date (clock skew)', async () => {
    clock = new Date(parseAmzDate(vector.x_amz_date)!.getTime() + 6 * 60_000);
    const answer = await sendRaw(emulator.url, captured(vector));
    expect([answer.status, answer.json.message]).toEqual([403, 'Invalid signature']);
  });
});
