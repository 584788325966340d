// `iamra doctor` against an emulator started with --access-keys (its /_iamra/decisions needs a
// SigV4 signature): with the right AWS credentials doctor signs the read and shows the emulator's
// own refusal reason; with wrong ones, none, or an endpoint without the route, one line says the
// decision log could not be read, and the diagnosis and exit code stay as without it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateProfileCommand, CreateTrustAnchorCommand, RolesAnywhereClient } from '@aws-sdk/client-rolesanywhere';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../support/pki.js';
import { runCliAsync } from '../support/run-cli.js';

const KEY_ID = 'AKIDDOCTOR';
const SECRET = 'doctor-secret';
const ROLE_ARN = 'arn:aws:iam::123456789012:role/web';
/** No shared config, SSO or instance metadata for the SDK's chain to fall back on. */
const NO_AWS = {
  AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined,
  AWS_CONFIG_FILE: '/nonexistent/iamra-test-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/iamra-test-credentials',
  AWS_EC2_METADATA_DISABLED: 'true', AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined, AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined, AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
};
const keys = (accessKeyId: string, secretAccessKey: string) => ({ ...NO_AWS, AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey });
const NOT_READ = 'decision log not read (GET /_iamra/decisions)';

let dir: string;
let emulator: EmulatorProcess;
let noRoute: Server;
let noRouteUrl: string;
let identity: { certPath: string; keyPath: string };
let arns: { trustAnchorArn: string; profileArn: string };

interface Report {
  outcome: { kind: string; message?: string };
  diagnosis?: { cause: string };
  emulatorDecision?: string;
  emulatorDecisionNote?: string;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-doctor-keys-'));
  const root = await createTestRoot({ subject: 'CN=doctor keys root' });
  identity = writeIdentity(dir, 'db', await issueTestCertificate(root, { subject: 'CN=db-1' }));
  const onlyWeb = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'rolesanywhere.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Condition: { StringEquals: { 'aws:PrincipalTag/x509Subject/CN': 'web-1' } } }] };
  writeFileSync(join(dir, 'keys.json'), JSON.stringify({ [KEY_ID]: SECRET }));
  writeFileSync(join(dir, 'roles.json'), JSON.stringify({ roles: [{ arn: ROLE_ARN, trustPolicy: onlyWeb }] }));
  emulator = await startEmulatorProcess(['--access-keys', 'keys.json', '--roles', 'roles.json'], { cwd: dir });
  const client = new RolesAnywhereClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET } });
  const { trustAnchor } = await client.send(new CreateTrustAnchorCommand({ name: 'doctor', enabled: true, source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } } }));
  const { profile } = await client.send(new CreateProfileCommand({ name: 'doctor', roleArns: [ROLE_ARN], enabled: true }));
  arns = { trustAnchorArn: trustAnchor!.trustAnchorArn!, profileArn: profile!.profileArn! };
  client.destroy();
  // An endpoint without the emulator's routes, as AWS's own: it refuses CreateSession and knows no
  // /_iamra/ path (403 unsigned, as API Gateway answers, then 404 signed).
  noRoute = createServer((req, res) => {
    const [status, type, message] = req.url?.startsWith('/sessions')
      ? [403, 'AccessDeniedException', 'Untrusted signing certificate']
      : req.headers.authorization ? [404, 'UnknownOperationException', 'Unknown operation'] : [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token'];
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type }).end(JSON.stringify({ message }));
  });
  await new Promise<void>((resolve) => noRoute.listen(0, '127.0.0.1', resolve));
  noRouteUrl = `http://127.0.0.1:${(noRoute.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await emulator?.stop();
  await new Promise((resolve) => noRoute?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function doctor(env: Record<string, string | undefined>, options: { json?: boolean; endpoint?: string } = {}) {
  const args = ['doctor', '--certificate', identity.certPath, '--private-key', identity.keyPath, '--trust-anchor-arn', arns.trustAnchorArn, '--profile-arn', arns.profileArn, '--role-arn', ROLE_ARN, '--endpoint', options.endpoint ?? emulator.url];
  const result = await runCliAsync(options.json === false ? args : [...args, '--json'], { env });
  expect(result.stderr).toBe('');
  return { status: result.status, stdout: result.stdout, report: options.json === false ? undefined : (JSON.parse(result.stdout) as Report) };
}

describe('doctor against an emulator with --access-keys', () => {
  it('signs the decision-log read with the AWS credentials and shows the emulator\'s reason, exit 1', async () => {
    const { status, report } = await doctor(keys(KEY_ID, SECRET));
    expect([status, report!.outcome.kind, report!.outcome.message, report!.diagnosis?.cause]).toEqual([1, 'refused', `Unable to assume role for ${ROLE_ARN}`, 'trust-policy-refused']);
    expect(report!.emulatorDecision).toMatch(/^CreateSession denied: 403 AccessDeniedException "Unable to assume role for arn:aws:iam::123456789012:role\/web": .*web-1/);
    expect(report!.emulatorDecisionNote).toBeUndefined();
    const text = await doctor(keys(KEY_ID, SECRET), { json: false });
    expect(text.stdout).toMatch(/^emulator: CreateSession denied: 403 AccessDeniedException /m);
    expect(text.stdout).not.toContain(NOT_READ);
  });

  it.each([
    ['a wrong secret', keys(KEY_ID, 'not-the-secret'), "the signed request was refused (403 InvalidSignatureException: The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.); use AWS credentials listed in the emulator's --access-keys"],
    ['an unknown access key', keys('AKIDOTHER', SECRET), "the signed request was refused (403 UnrecognizedClientException: The security token included in the request is invalid.); use AWS credentials listed in the emulator's --access-keys"],
    ['no credentials at all', NO_AWS, 'the endpoint needs a SigV4 signature and the AWS SDK found no credentials; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'],
  ])('with %s: one line says the log was not read, the diagnosis stands, exit 1', async (_what, env, why) => {
    const { status, report } = await doctor(env);
    expect([status, report!.outcome.kind, report!.diagnosis?.cause, report!.emulatorDecision]).toEqual([1, 'refused', 'trust-policy-refused', undefined]);
    expect(report!.emulatorDecisionNote).toBe(`${NOT_READ}: ${why}`);
    const text = await doctor(env, { json: false });
    expect(text.stdout.split('\n').filter((line) => line.startsWith('emulator: '))).toEqual([`emulator: ${NOT_READ}: ${why}`]);
    expect(text.stdout).toMatch(/^cause: trust-policy-refused: /m);
    expect(text.stdout).not.toContain(SECRET);
  });

  it('names an endpoint without /_iamra/decisions (as AWS\'s own), and still diagnoses, exit 1', async () => {
    const { status, report } = await doctor(keys(KEY_ID, SECRET), { endpoint: noRouteUrl });
    expect([status, report!.outcome.message, report!.emulatorDecision]).toEqual([1, 'Untrusted signing certificate', undefined]);
    expect(report!.diagnosis?.cause).toBe('wrong-trust-anchor');
    expect(report!.emulatorDecisionNote).toBe(`${NOT_READ}: the endpoint has no such route (not the iamra emulator)`);
  });
});
