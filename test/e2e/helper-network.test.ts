// Network behaviour of credential-process through the built binary: TLS with AWS_CA_BUNDLE and
// --no-verify-ssl, HTTP and CONNECT proxies with NO_PROXY, endpoint environment variables, and
// the --cache credential cache.
import { readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arnFlags, createPki, issueLeaf, issueServerCertificate, tempDir, type IdentityFiles, type TestPki } from './helper-support/fixtures.js';
import { errorLine, runHelper } from './helper-support/run-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy.js';

let pki: TestPki;
let leaf: IdentityFiles;
let plain: SessionServer;
let tls: SessionServer;
let proxy: ForwardProxy;
const proxied: string[] = [];

beforeAll(async () => {
  pki = await createPki();
  leaf = await issueLeaf(pki, 'leaf', 'ec-p256');
  const serverCert = issueServerCertificate(pki);
  plain = await startSessionServer();
  tls = await startSessionServer({ tls: { certPem: serverCert.certPem, keyPem: serverCert.keyPem } });
  proxy = await startForwardProxy(() => Number(new URL(plain.url).port), proxied);
});
afterAll(async () => {
  await plain.stop();
  await tls.stop();
  await proxy.stop();
});

const args = (endpoint?: string, extra: string[] = []): string[] => [
  'credential-process', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), ...(endpoint ? ['--endpoint', endpoint] : []), ...extra,
];

describe('TLS', () => {
  it('trusts the endpoint through AWS_CA_BUNDLE', async () => {
    const result = await runHelper(args(tls.url), { AWS_CA_BUNDLE: pki.rootPath });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).AccessKeyId).toBe(tls.issued.at(-1)!.accessKeyId);
  });

  it('refuses an untrusted endpoint certificate without retrying (exit 4)', async () => {
    const before = tls.requests.length;
    const result = await runHelper(args(tls.url));
    expect(result.status).toBe(4);
    expect(result.stdout).toBe('');
    expect(errorLine(result)).toMatch(/^iamra: CreateSession failed: the TLS connection was refused, \S+: .* \(127\.0\.0\.1:\d+\)\. Set AWS_CA_BUNDLE to the CA that issued the endpoint's certificate\.$/);
    expect(tls.requests.length).toBe(before);
  });

  it('skips verification with --no-verify-ssl', async () => {
    const result = await runHelper(args(tls.url, ['--no-verify-ssl']));
    expect(result.status).toBe(0);
  });
});

describe('proxies and endpoint variables', () => {
  it('sends http requests through HTTP_PROXY in absolute form', async () => {
    proxied.length = 0;
    const endpoint = `http://sessions.test:${new URL(plain.url).port}`;
    const result = await runHelper(args(endpoint), { HTTP_PROXY: proxy.url });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(proxied).toEqual([expect.stringMatching(/^POST http:\/\/sessions\.test:\d+\/sessions\?profileArn=/)]);
    expect(plain.requests.at(-1)!.problem).toBeUndefined();
    expect(plain.requests.at(-1)!.headers.host).toBe(`sessions.test:${new URL(plain.url).port}`);
  });

  it('tunnels https through HTTPS_PROXY with CONNECT', async () => {
    proxied.length = 0;
    const tlsPort = new URL(tls.url).port;
    const tunnelProxy = await startForwardProxy(() => Number(tlsPort), proxied);
    try {
      const result = await runHelper(args(`https://sessions.test:${tlsPort}`), { HTTPS_PROXY: tunnelProxy.url, AWS_CA_BUNDLE: pki.rootPath });
      expect(result.stderr).toBe('');
      expect(proxied).toEqual([`CONNECT sessions.test:${tlsPort}`]);
      expect(tls.requests.at(-1)!.problem).toBeUndefined();
    } finally {
      await tunnelProxy.stop();
    }
  });

  it('goes direct for hosts in NO_PROXY and for loopback', async () => {
    proxied.length = 0;
    const result = await runHelper(args(plain.url), { HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: 'sessions.test' });
    expect(result.status).toBe(0);
    expect(proxied).toEqual([]);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_ROLESANYWHERE, before AWS_ENDPOINT_URL', async () => {
    const before = plain.requests.length;
    const result = await runHelper(args(), { AWS_ENDPOINT_URL_ROLESANYWHERE: plain.url, AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(result.status).toBe(0);
    expect(plain.requests.length).toBe(before + 1);
  });
});

describe('--cache', () => {
  it('reuses cached credentials (one session for two calls) from a 0600 file in a 0700 directory', async () => {
    const cacheHome = tempDir('iamra-cache-');
    const before = plain.requests.length;
    const first = await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    const second = await runHelper(args(plain.url), { XDG_CACHE_HOME: cacheHome, IAMRA_CREDENTIAL_CACHE: '1' });
    expect(first.status).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(plain.requests.length).toBe(before + 1);
    const dir = join(cacheHome, 'iamra');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir);
    expect(readdirSync(dir)).toHaveLength(1);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
  });

  it('concurrent runs on an empty cache all succeed and leave one complete file, no temporaries', async () => {
    const cacheHome = tempDir('iamra-cache-');
    const results = await Promise.all(Array.from({ length: 4 }, () => runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome })));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0, 0]);
    const dir = join(cacheHome, 'iamra');
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^[0-9a-f]{64}\.json$/);
    const cached = (await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome })).stdout;
    expect(results.map((r) => r.stdout)).toContain(cached);
  });

  it('keys the cache on the session parameters', async () => {
    const cacheHome = tempDir('iamra-cache-');
    const before = plain.requests.length;
    await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    await runHelper(args(plain.url, ['--cache', '--session-duration', '900']), { XDG_CACHE_HOME: cacheHome });
    await runHelper(args(plain.url, ['--cache', '--role-session-name', 'other']), { XDG_CACHE_HOME: cacheHome });
    expect(plain.requests.length).toBe(before + 3);
    expect(readdirSync(join(cacheHome, 'iamra'))).toHaveLength(3);
  });

  it('does not hand out credentials expiring within the safety margin', async () => {
    const cacheHome = tempDir('iamra-cache-');
    const before = plain.requests.length;
    plain.lifetimeSeconds = 240;
    try {
      await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
      await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    } finally {
      plain.lifetimeSeconds = undefined;
    }
    expect(plain.requests.length).toBe(before + 2);
  });

  it('ignores a cache file others can read, and a corrupt one', async () => {
    const cacheHome = tempDir('iamra-cache-');
    const before = plain.requests.length;
    await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    const dir = join(cacheHome, 'iamra');
    const file = join(dir, readdirSync(dir)[0]!);
    chmodSync(file, 0o644);
    await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    writeFileSync(file, '{not json', { mode: 0o600 });
    chmodSync(file, 0o600);
    const third = await runHelper(args(plain.url, ['--cache']), { XDG_CACHE_HOME: cacheHome });
    expect(third.status).toBe(0);
    expect(plain.requests.length).toBe(before + 3);
  });
});
