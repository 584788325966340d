// The CreateSession client with its effects injected: request shape, fresh signature per attempt,
// backoff delays from the policy, and which failures end the retries.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RefusedError, ServiceError } from '../../errors.js';
import { signingKeyFromKeyObject } from '../../keys/signing-key.js';
import { captureFile, officialCapture } from '../../test/support/official-capture.js';
import { createSession, type CreateSessionInput } from './create-session.js';
import { TransportError, type HttpRequest, type HttpResponse } from './http-request.js';
import { backoffMs } from './retry.js';

const privateKey = createPrivateKey(captureFile('alice-cert.key'));
const identity = { key: signingKeyFromKeyObject(privateKey, createPublicKey(privateKey)), certificate: new X509Certificate(captureFile('alice-cert.crt')), chain: [] };
const arns = {
  trustAnchorArn: 'arn:aws:rolesanywhere:us-east-2:291738886548:trust-anchor/a545a1fc-5d86-4032-8f4c-61cdd6ff92da',
  profileArn: 'arn:aws:rolesanywhere:us-east-2:291738886548:profile/6f4943fb-13d4-4242-89c4-be367595c380',
  roleArn: 'arn:aws:iam::291738886548:role/rolesanywhere1',
};
const OK: HttpResponse = {
  status: 201,
  headers: {},
  body: Buffer.from(JSON.stringify({ credentialSet: [{ credentials: { accessKeyId: 'ASIAOK', secretAccessKey: 's', sessionToken: 't', expiration: '2030-01-01T00:00:00Z' } }] })),
};

function harness(responses: Array<HttpResponse | Error>) {
  const sent: HttpRequest[] = [];
  const slept: number[] = [];
  // The first attempt is signed at the captured request's X-Amz-Date.
  let clock = Date.parse('2024-07-06T11:38:58Z');
  const input: CreateSessionInput = {
    identity,
    arns,
    region: 'us-east-2',
    endpoint: new URL('http://127.0.0.1:8080'),
    durationSeconds: 3600,
    transport: { verifyTls: true, timeoutMs: 1000 },
    maxAttempts: 3,
    send: async (request) => {
      sent.push(request);
      const next = responses.shift()!;
      if (next instanceof Error) throw next;
      return next;
    },
    now: () => new Date((clock += 1000)),
    random: () => 0.5,
    sleep: async (ms) => void slept.push(ms),
  };
  return { input, sent, slept };
}

describe('createSession', () => {
  it("sends the official helper's request, byte for byte, and returns the credentials", async () => {
    const { input, sent } = harness([OK]);
    expect((await createSession(input)).accessKeyId).toBe('ASIAOK');
    const [request] = sent;
    expect(request!.url.href).toBe(`http://127.0.0.1:8080/sessions?profileArn=${encodeURIComponent(arns.profileArn)}&roleArn=${encodeURIComponent(arns.roleArn)}&trustAnchorArn=${encodeURIComponent(arns.trustAnchorArn)}`);
    expect(request!.body).toBe('{"durationSeconds":3600}');
    expect(request!.headers.host).toBe('127.0.0.1:8080');
    // Byte for byte the Authorization header aws_signing_helper sent for the same request.
    const capture = officialCapture;
    expect(request!.headers.authorization).toBe(capture.cases[0]!.authorization);
    expect(request!.url.search).toBe(`?${capture.cases[0]!.query}`);
    expect(request!.headers['user-agent']).toMatch(/^iamra\//);
  });

  it('re-signs every attempt and waits the policy delay between them', async () => {
    const throttled: HttpResponse = { status: 400, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: Buffer.from('{"message":"Rate exceeded"}') };
    const { input, sent, slept } = harness([new TransportError('reset', 'ECONNRESET'), throttled, OK]);
    await createSession(input);
    expect(slept).toEqual([backoffMs(1, false, 0.5), backoffMs(2, true, 0.5)]);
    const dates = sent.map((r) => r.headers['x-amz-date']);
    expect(new Set(dates).size).toBe(3);
    expect(new Set(sent.map((r) => r.headers.authorization)).size).toBe(3);
  });

  it('stops at once on a refusal or an untrusted TLS certificate', async () => {
    const refused: HttpResponse = { status: 403, headers: {}, body: Buffer.from('{"message":"Invalid signature"}') };
    const first = harness([refused, OK]);
    await expect(createSession(first.input)).rejects.toBeInstanceOf(RefusedError);
    expect(first.sent).toHaveLength(1);
    const second = harness([new TransportError('tls', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'), OK]);
    await expect(createSession(second.input)).rejects.toMatchObject({ code: 'TLS_UNTRUSTED' });
    expect(second.sent).toHaveLength(1);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const busy: HttpResponse = { status: 503, headers: {}, body: Buffer.from('{"message":"busy"}') };
    const { input, sent, slept } = harness([busy, busy, busy, OK]);
    const error = await createSession(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(sent).toHaveLength(3);
    expect(slept).toHaveLength(2);
  });
});
