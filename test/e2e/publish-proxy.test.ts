// Publishing through an HTTP proxy (HTTP_PROXY / HTTPS_PROXY / NO_PROXY), as the credential helper
// takes it: the SDK alone ignores these variables, so a CA behind a proxy could not publish. The
// emulator is reached by a name only the proxy resolves (publish.test), so a call that bypassed
// the proxy would fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { startForwardProxy, type ForwardProxy } from '../support/forward-proxy.js';
import { AWS_ENV } from '../support/publish-fixture.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';

let dir: string;
let emulator: EmulatorFixture;
let proxy: ForwardProxy;
let endpoint: string;

const iamra = (args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> =>
  runCliAsync(args, { cwd: dir, env: { ...AWS_ENV, HTTP_PROXY: proxy.url, HTTPS_PROXY: undefined, NO_PROXY: undefined, ...env } });

beforeAll(async () => {
  dir = tempDir('iamra-publish-proxy-');
  createCa(dir);
  emulator = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'ca', 'ca.crt'), 'utf8')] });
  const port = Number(new URL(emulator.emulator.url).port);
  proxy = await startForwardProxy(() => port);
  endpoint = `http://publish.test:${port}`;
  const issued = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=alice,O=Example', '--key-out', 'alice.key', '--cert-out', 'alice.crt']);
  if (issued.status !== 0) throw new Error(issued.stderr);
});

afterAll(async () => {
  await proxy?.stop();
  await emulator?.stop();
});

describe('crl publish through a proxy', () => {
  it('sends every call through HTTP_PROXY, and the revocation reaches the trust anchor', async () => {
    proxy.requests.length = 0;
    const first = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', emulator.trustAnchorArn, '--endpoint', endpoint, '--json']);
    expect([first.status, first.stderr]).toEqual([0, '']);
    expect(JSON.parse(first.stdout)).toMatchObject([{ outcome: 'imported', trustAnchorArn: emulator.trustAnchorArn }]);
    expect(proxy.requests.length).toBeGreaterThan(0);
    for (const line of proxy.requests) expect(line).toMatch(new RegExp(`^(GET|POST|PATCH) http://publish\\.test:\\d+/crls`));

    expect((await iamra(['revoke', '--ca', 'ca', 'alice.crt', '--publish'])).status).toBe(0);
    const refused = await iamra([
      'credential-process', '--certificate', 'alice.crt', '--private-key', 'alice.key', '--endpoint', emulator.emulator.url,
      '--trust-anchor-arn', emulator.trustAnchorArn, '--profile-arn', emulator.profileArn, '--role-arn', emulator.roleArn,
    ]);
    expect(expectUserError(refused, 1)).toMatch(/Certificate revoked/);
    const status = await iamra(['crl', 'status', '--ca', 'ca']);
    expect([status.status, status.stderr]).toEqual([0, '']);
  });

  it('goes direct for a host NO_PROXY names (which only the proxy can resolve here: exit 4)', async () => {
    proxy.requests.length = 0;
    const direct = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', emulator.trustAnchorArn, '--endpoint', endpoint], { NO_PROXY: 'publish.test' });
    expect(expectUserError(direct, 4)).toMatch(/publish\.test/);
    expect(proxy.requests).toEqual([]);
  });

  it('a proxy that refuses connections is one line, exit 4', async () => {
    const down = await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', emulator.trustAnchorArn, '--endpoint', endpoint], { HTTP_PROXY: 'http://127.0.0.1:1' });
    expect(expectUserError(down, 4)).toMatch(/^iamra: /);
  });
});
