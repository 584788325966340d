// credential-process through the built binary against a verifying local CreateSession server:
// output format, request shape, intermediates, session name, retries and service errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnFlags, createPki, issueLeaf, PROFILE_ARN, ROLE_ARN, TRUST_ANCHOR_ARN, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let pki: TestPki;
let leaf: IdentityFiles;
let chained: IdentityFiles;
let server: SessionServer;

beforeAll(async () => {
  pki = await createPki();
  leaf = await issueLeaf(pki, 'leaf', 'ec-p256');
  chained = await issueLeaf(pki, 'chained', 'ec-p384', { viaIntermediate: true });
  server = await startSessionServer();
});
afterAll(() => server.stop());

function credentialArgs(files: IdentityFiles, extra: string[] = []): string[] {
  return ['credential-process', '--certificate', files.certPath, '--private-key', files.keyPath, ...arnFlags(), '--endpoint', server.url, ...extra];
}

describe('credential-process', () => {
  it('prints the credential_process JSON on one line, keys in order, no trailing newline', async () => {
    const before = server.requests.length;
    const result = await runHelper(credentialArgs(leaf));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const issued = server.issued.at(-1)!;
    expect(result.stdout).toBe(
      `{"Version":1,"AccessKeyId":"${issued.accessKeyId}","SecretAccessKey":"${issued.secretAccessKey}","SessionToken":"${issued.sessionToken}","Expiration":"${issued.expiration}"}`,
    );
    const request = server.requests[before]!;
    expect(request.problem).toBeUndefined();
    expect(request.path).toBe('/sessions');
    expect(request.query).toEqual([['profileArn', PROFILE_ARN], ['roleArn', ROLE_ARN], ['trustAnchorArn', TRUST_ANCHOR_ARN]]);
    expect(request.body).toBe('{"durationSeconds":3600}');
    expect(String(request.headers.authorization)).toMatch(/^AWS4-X509-ECDSA-SHA256 Credential=\d+\/\d{8}\/us-east-1\/rolesanywhere\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=[0-9a-f]+$/);
    expect(request.serialDecimal).toBe(BigInt(`0x${leaf.identity.serialHex}`).toString(10));
    expect(request.headers['x-amz-x509-chain']).toBeUndefined();
  });

  it('sends the intermediates as X-Amz-X509-Chain and signs it', async () => {
    const before = server.requests.length;
    const result = await runHelper(credentialArgs(chained, ['--intermediates', pki.intermediatePath, '--session-duration', '900', '--role-session-name', 'build-42']));
    expect(result.status).toBe(0);
    const request = server.requests[before]!;
    expect(request.problem).toBeUndefined();
    expect(request.chainLength).toBe(1);
    expect(request.headers['x-amz-x509-chain']).toBe(Buffer.from(pki.intermediate.certificate.rawData).toString('base64'));
    expect(String(request.headers.authorization)).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-x509;x-amz-x509-chain,');
    expect(request.body).toBe('{"durationSeconds":900,"roleSessionName":"build-42"}');
  });

  it('retries 5xx and throttling, then succeeds', async () => {
    const before = server.requests.length;
    server.script.push({ status: 503, body: '{"message":"busy"}' }, { status: 429, headers: { 'x-amzn-errortype': 'ThrottlingException' }, body: '{"message":"Rate exceeded"}' });
    const result = await runHelper(credentialArgs(leaf));
    expect(result.status).toBe(0);
    expect(server.requests.length - before).toBe(3);
    // Each attempt is signed afresh.
    expect(server.requests.slice(before).every((r) => r.problem === undefined)).toBe(true);
  });

  it('gives up after 3 attempts on persistent throttling: exit 4, nothing on stdout', async () => {
    const before = server.requests.length;
    for (let i = 0; i < 3; i++) server.script.push({ status: 400, headers: { 'x-amzn-errortype': 'ThrottlingException:http://internal' }, body: '{"message":"Rate exceeded"}' });
    const result = await runHelper(credentialArgs(leaf));
    expect(result.status).toBe(4);
    expect(result.stdout).toBe('');
    expect(errorLine(result)).toBe(`iamra: CreateSession failed: ThrottlingException: Rate exceeded (${new URL(server.url).host}). Retry later, or use --cache, serve or update to call CreateSession less often.`);
    expect(server.requests.length - before).toBe(3);
  });

  it('honours AWS_MAX_ATTEMPTS', async () => {
    const before = server.requests.length;
    server.script.push({ status: 500, body: '{}' });
    const result = await runHelper(credentialArgs(leaf), { AWS_MAX_ATTEMPTS: '1' });
    expect(result.status).toBe(4);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: HTTP 500: HTTP 500 \(/);
    expect(server.requests.length - before).toBe(1);
  });

  it('prints a service refusal with its code, message and a hint; exit 1, no retry', async () => {
    const before = server.requests.length;
    server.script.push({ status: 403, headers: { 'x-amzn-errortype': 'AccessDeniedException' }, body: '{"message":"Untrusted signing certificate"}' });
    const result = await runHelper(credentialArgs(leaf));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(errorLine(result)).toBe(
      `iamra: CreateSession refused: AccessDeniedException: Untrusted signing certificate (${new URL(server.url).host}). The certificate does not chain to a CA certificate of the trust anchor: check the anchor, and pass the intermediates with --intermediates.`,
    );
    expect(server.requests.length - before).toBe(1);
  });

  it('lists the certificate principal tags when the trust policy refuses', async () => {
    server.script.push({ status: 403, body: `{"__type":"com.amazonaws.rolesanywhere#AccessDeniedException","message":"Unable to assume role for arn:aws:iam::123456789012:role/iamra-test"}` });
    const result = await runHelper(credentialArgs(leaf));
    expect(result.status).toBe(1);
    expect(errorLine(result)).toContain("principal tags: x509Subject/CN=leaf, x509Subject/O=iamra, x509Issuer/CN=iamra helper test root.");
  });

  it('fails on a response without credentials (exit 4)', async () => {
    server.script.push({ status: 201, body: '{"credentialSet":[]}' });
    const result = await runHelper(credentialArgs(leaf));
    expect(result.status).toBe(4);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: the response holds no credentials/);
  });

  it('times out a hung endpoint (IAMRA_REQUEST_TIMEOUT_MS) and reports a network error', async () => {
    server.script.push({ status: 0, hang: true }, { status: 0, hang: true });
    const result = await runHelper(credentialArgs(leaf), { IAMRA_REQUEST_TIMEOUT_MS: '300', AWS_MAX_ATTEMPTS: '2' });
    expect(result.status).toBe(4);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: timed out, no response within 300 ms \(127\.0\.0\.1:\d+\)\. Check the network/);
  });

  it('stops reading an oversized response', async () => {
    server.script.push({ status: 201, body: 'x'.repeat(2 << 20) });
    const result = await runHelper(credentialArgs(leaf), { AWS_MAX_ATTEMPTS: '1' });
    expect(result.status).toBe(4);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: network error, response larger than 1048576 bytes \(/);
  });

  it('reports a refused connection as a network error after retrying', async () => {
    const result = await runHelper(credentialArgs(leaf, ['--endpoint', 'http://127.0.0.1:9']), {});
    expect(result.status).toBe(4);
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: network error, ECONNREFUSED/);
    // In words, without Node's text that repeats the code and the address.
    expect(errorLine(result)).toBe('iamra: CreateSession failed: network error, ECONNREFUSED: connection refused (127.0.0.1:9). Check the network, the endpoint and HTTPS_PROXY/NO_PROXY.');
  });
});
