// `iamra emulator` through the built CLI: the URL on stdout, the AWS CLI (awscli 1.45) driving the
// control plane, a CreateSession against what it created, clean stop on SIGTERM, and the
// one-line errors with their exit codes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissiveTrustPolicy } from '../support/emulator-fixture.js';
import { startEmulatorProcess, type EmulatorProcess } from '../support/emulator-process.js';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../support/pki.js';
import { runCliAsync } from '../support/run-cli.js';
import { callCreateSession, signerFromIdentity } from '../support/session-client.js';
import { buildTestCrl } from '../support/test-crl.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/cli-role';
const ANY_ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/*';
let dir: string;
let root: TestIdentity;
let leaf: TestIdentity;
let emulator: EmulatorProcess;

const awsEnv = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-secret', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };

async function aws(...args: string[]): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)('aws', ['rolesanywhere', ...args, '--endpoint-url', emulator.url, '--output', 'json'], { env: awsEnv, cwd: dir });
  return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
}

async function awsFailure(...args: string[]): Promise<string> {
  const error = await aws(...args).then(
    () => undefined,
    (e: { stderr: string }) => e,
  );
  if (!error) throw new Error('expected the aws command to fail');
  return error.stderr.trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-cli-'));
  root = await createTestRoot({ subject: 'CN=cli root' });
  leaf = await issueTestCertificate(root, { subject: 'CN=cli leaf', sans: [{ type: 'dns', value: 'cli.example' }] });
  writeFileSync(join(dir, 'crl.pem'), buildTestCrl({ issuer: root, revokedSerials: [leaf.serialHex] }).pem);
  const policy = permissiveTrustPolicy(ANY_ANCHOR) as { Statement: Array<{ Condition: unknown }> };
  policy.Statement[0]!.Condition = { ArnLike: { 'aws:SourceArn': ANY_ANCHOR } };
  writeFileSync(join(dir, 'roles.json'), JSON.stringify({ roles: [{ arn: ROLE_ARN, trustPolicy: policy }] }));
  emulator = await startEmulatorProcess(['--port', '0', '--roles', 'roles.json', '--state', 'state.db', '--verbose'], { cwd: dir });
});

afterAll(async () => {
  await emulator?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

let trustAnchorArn: string;
let profileArn: string;

describe('iamra emulator driven by the AWS CLI', () => {
  it('prints only the endpoint URL on stdout', async () => {
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await emulator.waitForStderr(`iamra emulator: role ${ROLE_ARN} defined`);
  });

  it('create-trust-anchor, create-profile, put- and delete-attribute-mapping', async () => {
    const source = JSON.stringify({ sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } });
    const anchor = (await aws('create-trust-anchor', '--name', 'cli anchor', '--source', source, '--enabled')).trustAnchor as Record<string, string>;
    trustAnchorArn = anchor.trustAnchorArn!;
    expect(anchor).toMatchObject({ name: 'cli anchor', enabled: true });
    const input = JSON.stringify({ name: 'cli-profile', roleArns: [ROLE_ARN], enabled: true, acceptRoleSessionName: true });
    const profile = (await aws('create-profile', '--cli-input-json', input)).profile as Record<string, string>;
    profileArn = profile.profileArn!;
    expect(profile).toMatchObject({ acceptRoleSessionName: true, durationSeconds: 3600 });
    const id = profile.profileId!;
    const mapped = (await aws('put-attribute-mapping', '--profile-id', id, '--certificate-field', 'x509SAN', '--mapping-rules', 'specifier=DNS')).profile as {
      attributeMappings: unknown[];
    };
    expect(mapped.attributeMappings).toContainEqual({ certificateField: 'x509SAN', mappingRules: [{ specifier: 'DNS' }] });
    const deleted = (await aws('delete-attribute-mapping', '--profile-id', id, '--certificate-field', 'x509Issuer')).profile as {
      attributeMappings: Array<{ certificateField: string }>;
    };
    expect(deleted.attributeMappings.map((m) => m.certificateField)).toEqual(['x509SAN', 'x509Subject']);
  });

  it('issues a session for the CLI-made resources, then import-crl revokes it', async () => {
    const session = { url: emulator.url, signer: signerFromIdentity(leaf), trustAnchorArn, profileArn, roleArn: ROLE_ARN };
    expect((await callCreateSession(session)).status).toBe(201);
    const imported = await aws('import-crl', '--name', 'cli-crl', '--crl-data', 'fileb://crl.pem', '--trust-anchor-arn', trustAnchorArn, '--enabled');
    const crl = imported.crl as Record<string, string>;
    expect(crl).toMatchObject({ name: 'cli-crl', enabled: true, trustAnchorArn });
    const listed = (await aws('list-crls')).crls as Array<Record<string, string>>;
    expect(listed.map((c) => c.crlId)).toEqual([crl.crlId]);
    expect(Buffer.from(listed[0]!.crlData!, 'base64').toString()).toContain('BEGIN X509 CRL');
    const refused = await callCreateSession(session);
    expect([refused.status, refused.json.message]).toEqual([403, 'Certificate revoked']);
    await emulator.waitForStderr('CreateSession denied: 403 AccessDeniedException "Certificate revoked"');
    await aws('disable-crl', '--crl-id', crl.crlId!);
    expect((await callCreateSession(session)).status).toBe(201);
  });

});

describe('iamra emulator: tags, errors, restart', () => {
  it('tags resources and lists subjects', async () => {
    await aws('tag-resource', '--resource-arn', trustAnchorArn, '--tags', 'key=team,value=pki');
    expect((await aws('list-tags-for-resource', '--resource-arn', trustAnchorArn)).tags).toEqual([{ key: 'team', value: 'pki' }]);
    const subjects = (await aws('list-subjects')).subjects as Array<Record<string, string>>;
    expect(subjects.map((s) => s.x509Subject)).toEqual(['CN=cli leaf']);
  });

  it('answers errors the AWS CLI understands', async () => {
    expect(await awsFailure('get-trust-anchor', '--trust-anchor-id', '00000000-0000-0000-0000-000000000000')).toBe(
      'An error occurred (ResourceNotFoundException) when calling the GetTrustAnchor operation: Trust anchor not found',
    );
    expect(await awsFailure('create-profile', '--name', 'bad/name', '--role-arns', ROLE_ARN)).toBe(
      "An error occurred (ValidationException) when calling the CreateProfile operation: 1 validation error detected: Value 'bad/name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [ a-zA-Z0-9-_]*",
    );
  });

  it('stops cleanly on SIGTERM and keeps its state for the next run', async () => {
    expect(await emulator.stop('SIGTERM')).toBe(0);
    await emulator.waitForStderr('iamra emulator: stopped on SIGTERM');
    emulator = await startEmulatorProcess(['--state', 'state.db'], { cwd: dir });
    const anchors = (await aws('list-trust-anchors')).trustAnchors as Array<Record<string, string>>;
    expect(anchors.map((a) => a.name)).toEqual(['cli anchor']);
  });
});

describe('iamra emulator --tls', () => {
  it('serves HTTPS the AWS CLI trusts through AWS_CA_BUNDLE, and removes the certificate on stop', async () => {
    const tls = await startEmulatorProcess(['--tls'], { cwd: dir });
    try {
      expect(tls.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await tls.waitForStderr('(set AWS_CA_BUNDLE to it)');
      const caPath = /TLS certificate: (\S+) \(set AWS_CA_BUNDLE/.exec(tls.stderr())![1]!;
      const env = { ...awsEnv, AWS_CA_BUNDLE: caPath };
      const { stdout } = await promisify(execFile)('aws', ['rolesanywhere', 'list-profiles', '--endpoint-url', tls.url, '--output', 'json'], { env });
      expect(JSON.parse(stdout)).toEqual({ profiles: [] });
      expect(await tls.stop('SIGINT')).toBe(0);
      expect(existsSync(caPath)).toBe(false);
    } finally {
      await tls.stop('SIGKILL');
    }
  });
});

describe('iamra emulator --access-keys', () => {
  it('verifies the AWS CLI signature (query strings included) and refuses a wrong secret', async () => {
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ AKIDEXAMPLE: 'the-real-secret' }));
    const keyed = await startEmulatorProcess(['--access-keys', 'keys.json'], { cwd: dir });
    try {
      const run = (secret: string, ...args: string[]) =>
        promisify(execFile)('aws', ['rolesanywhere', ...args, '--endpoint-url', keyed.url, '--output', 'json'], { env: { ...awsEnv, AWS_SECRET_ACCESS_KEY: secret } });
      const arn = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/00000000-0000-0000-0000-000000000000';
      expect(JSON.parse((await run('the-real-secret', 'list-trust-anchors', '--page-size', '5')).stdout)).toEqual({ trustAnchors: [] });
      const notFound = await run('the-real-secret', 'list-tags-for-resource', '--resource-arn', arn).catch((e: { stderr: string }) => e.stderr);
      expect(notFound).toContain('(ResourceNotFoundException)');
      const refused = await run('wrong-secret', 'list-trust-anchors').catch((e: { stderr: string }) => e.stderr);
      expect(refused).toContain('An error occurred (InvalidSignatureException) when calling the ListTrustAnchors operation');
    } finally {
      await keyed.stop();
    }
  });
});

describe('iamra emulator errors', () => {
  const files = () => readdirSync(dir).sort();

  it.each([
    [['--port', 'abc', '--state', 'new.db'], 2, 'iamra: invalid --port: not an integer from 0 to 65535 (abc). Pass a number in that range.'],
    [['--untaggable', 'maybe', '--state', 'new.db'], 2, 'iamra: invalid --untaggable: must be fail or drop (maybe). Pass one of those.'],
    [['--roles', 'missing.json', '--state', 'new.db'], 3, 'iamra: cannot read --roles file: no such file (missing.json). Check the path.'],
  ])('%j exits %i with one stderr line and changes nothing', async (args, status, line) => {
    const before = files();
    const result = await runCliAsync(['emulator', ...args], { cwd: dir });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status, stdout: '', stderr: `${line}\n` });
    expect(files()).toEqual(before);
  });

  it('a state file that is not SQLite exits 3 and is left as it was', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'not a database\n');
    const before = files();
    const result = await runCliAsync(['emulator', '--state', 'notes.txt'], { cwd: dir });
    expect([result.status, result.stdout, result.stderr]).toEqual([
      3,
      '',
      'iamra: cannot open the state file: it is not an SQLite database or it is damaged (notes.txt). Pass a writable SQLite file path.\n',
    ]);
    expect(files()).toEqual(before);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('not a database\n');
  });

  it('a state file another emulator holds exits 3', async () => {
    const result = await runCliAsync(['emulator', '--state', 'state.db'], { cwd: dir });
    expect([result.status, result.stderr]).toEqual([3, 'iamra: cannot open the state file: another process holds it locked (state.db). Stop the emulator that uses it, or pass another file.\n']);
  });

  it('a role with an invalid trust policy exits 3 and creates no state file', async () => {
    writeFileSync(join(dir, 'bad-roles.json'), JSON.stringify({ roles: [{ arn: ROLE_ARN, trustPolicy: { Statement: [] } }] }));
    const result = await runCliAsync(['emulator', '--roles', 'bad-roles.json', '--state', 'never.db'], { cwd: dir });
    expect(result.status).toBe(3);
    expect(result.stderr).toBe(
      `iamra: cannot load the roles: Invalid trust policy for ${ROLE_ARN}: Statement: must contain at least one statement (--roles). Fix the role definition.\n`,
    );
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('a port in use exits 4 and creates no state file', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = String((blocker.address() as { port: number }).port);
    const result = await runCliAsync(['emulator', '--port', port, '--state', 'busy.db'], { cwd: dir });
    blocker.close();
    expect(result.status).toBe(4);
    expect(result.stderr).toBe(`iamra: cannot listen on 127.0.0.1:${port}: EADDRINUSE (--host/--port). Choose another port, or --port 0 for a free one.\n`);
    expect(existsSync(join(dir, 'busy.db'))).toBe(false);
  });
});
