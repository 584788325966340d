// Real consumers of credential-process output, with credentials from the emulator over TLS: the
// AWS SDK for JavaScript's fromProcess provider and the AWS CLI, both configured through a real
// config file with credential_process; the CLI's STS call goes to a local stub that verifies its
// SigV4 signature with the issued secret (known to the test through a shared --cache).
import { fromProcess } from '@aws-sdk/credential-provider-process';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { execFile } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperCommandLine } from '../support/helper-runner.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createPki, issueLeaf, tempDir, writeFile, type IdentityFiles } from './helper-support/fixtures.js';
import { isolatedEnv, runHelper } from './helper-support/run-helper.js';

let leaf: IdentityFiles;
let emulator: EmulatorFixture;

interface Issued {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}
const issuedCredentials: Issued[] = [];

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'consumer', 'ec-p256');
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem], tls: true });
});
afterAll(() => emulator.stop());

function helperArgs(extra: string[] = []): string[] {
  const arns = ['--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn];
  return ['credential-process', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arns, '--endpoint', emulator.emulator.url, ...extra];
}

function writeConfig(extra: string[] = []): { home: string; configPath: string } {
  const home = tempDir('iamra-home-');
  const line = helperCommandLine(helperArgs(extra)).join(' ');
  const configPath = writeFile(home, 'config', `[profile iamra]\nregion = us-east-1\ncredential_process = ${line}\n`);
  return { home, configPath };
}

describe('AWS SDK for JavaScript: fromProcess', () => {
  it('accepts the output of a fresh session', async () => {
    const { configPath } = writeConfig();
    const previous = process.env.AWS_CA_BUNDLE;
    process.env.AWS_CA_BUNDLE = emulator.emulator.caCertPath;
    try {
      const credentials = await fromProcess({ profile: 'iamra', configFilepath: configPath, filepath: `${configPath}.none` })();
      expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z0-9]{12,}$/);
      expect(credentials.secretAccessKey.length).toBeGreaterThan(20);
      expect(credentials.sessionToken!.length).toBeGreaterThan(20);
      expect(credentials.expiration!.getTime() - Date.now()).toBeGreaterThan(3500_000);
    } finally {
      if (previous === undefined) delete process.env.AWS_CA_BUNDLE;
      else process.env.AWS_CA_BUNDLE = previous;
    }
  });
});

interface StsCall {
  accessKeyId: string;
  sessionToken: string | undefined;
  signatureValid: boolean;
  /** The same check with a wrong secret, which must fail (the verifier is not vacuous). */
  wrongSecretValid: boolean;
}

/** Verifies a SigV4 request by re-signing it with the issued secret (same date, same headers). */
async function verifySigV4(req: IncomingMessage, body: string, secret: string, sessionToken: string | undefined): Promise<boolean> {
  const authorization = String(req.headers.authorization);
  const m = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)/.exec(authorization);
  if (!m) return false;
  const [, accessKeyId, , region, service, signedHeaders, signature] = m;
  const headers: Record<string, string> = {};
  for (const name of signedHeaders!.split(';')) headers[name] = String(req.headers[name]);
  const url = new URL(req.url!, 'http://x');
  const request = new HttpRequest({ method: req.method, protocol: 'http:', hostname: String(req.headers.host), path: url.pathname, headers, body });
  const amzDate = String(req.headers['x-amz-date']);
  const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const signer = new SignatureV4({
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: secret, sessionToken },
    region: region!,
    service: service!,
    // The CLI sends no x-amz-content-sha256 for STS; the signer must not add one.
    applyChecksum: false,
    sha256: class {
      private readonly hash;
      constructor(secretKey?: unknown) {
        this.hash = secretKey ? createHmac('sha256', secretKey as Buffer) : createHash('sha256');
      }
      update(data: Uint8Array | string): void {
        this.hash.update(data);
      }
      async digest(): Promise<Uint8Array> {
        return this.hash.digest();
      }
    },
  });
  const signed = await signer.sign(request, { signingDate, unsignableHeaders: new Set(), signableHeaders: new Set(signedHeaders!.split(';')) });
  return String(signed.headers.authorization).endsWith(`Signature=${signature}`);
}

function startStsStub(calls: StsCall[]): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization))?.[1] ?? '';
      const issued = issuedCredentials.find((c) => c.accessKeyId === accessKeyId);
      const token = req.headers['x-amz-security-token'] as string | undefined;
      const signatureValid = issued !== undefined && token === issued.sessionToken && (await verifySigV4(req, body, issued.secretAccessKey, token));
      const wrongSecretValid = issued !== undefined && (await verifySigV4(req, body, `${issued.secretAccessKey}x`, token));
      calls.push({ accessKeyId, sessionToken: token, signatureValid, wrongSecretValid });
      if (!signatureValid || !body.includes('Action=GetCallerIdentity')) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end('<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error></ErrorResponse>');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:sts::123456789012:assumed-role/iamra-test/consumer</Arn><UserId>AROAEXAMPLE:consumer</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('AWS CLI', () => {
  it('signs an STS call with the credentials credential_process returned', async () => {
    const calls: StsCall[] = [];
    const sts = await startStsStub(calls);
    try {
      const { home, configPath } = writeConfig(['--cache']);
      const cacheEnv = { HOME: home, XDG_CACHE_HOME: `${home}/cache`, AWS_CA_BUNDLE: emulator.emulator.caCertPath };
      // The test obtains the session first; the CLI's credential_process then hits the same cache entry.
      const primed = await runHelper(helperArgs(['--cache']), cacheEnv);
      const output = JSON.parse(primed.stdout) as { AccessKeyId: string; SecretAccessKey: string; SessionToken: string };
      issuedCredentials.push({ accessKeyId: output.AccessKeyId, secretAccessKey: output.SecretAccessKey, sessionToken: output.SessionToken });
      const endpoint = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
      const env = isolatedEnv({ ...cacheEnv, AWS_CONFIG_FILE: configPath, AWS_SHARED_CREDENTIALS_FILE: `${configPath}.none`, AWS_PROFILE: 'iamra' });
      const clean = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, v]) => v !== undefined)) as NodeJS.ProcessEnv;
      const stdout = await new Promise<string>((resolve, reject) =>
        execFile('aws', ['sts', 'get-caller-identity', '--endpoint-url', endpoint, '--output', 'json'], { env: clean, timeout: 60_000 }, (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
        ),
      );
      expect(JSON.parse(stdout)).toEqual({ UserId: 'AROAEXAMPLE:consumer', Account: '123456789012', Arn: 'arn:aws:sts::123456789012:assumed-role/iamra-test/consumer' });
      expect(calls).toEqual([{ accessKeyId: output.AccessKeyId, sessionToken: output.SessionToken, signatureValid: true, wrongSecretValid: false }]);
    } finally {
      await new Promise((resolve) => sts.close(resolve));
    }
  });
});
