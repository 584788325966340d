// Issue #5, everything refused before any call: malformed flags (exit 2), a CRL over the
// 300,000-byte ImportCrl cap (exit 1), a CRL not signed by the CA (exit 3); and `--crl FILE`
// (DER in, PEM sent), credentials and service refusals.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, dumpDatabase, expectUserError, iamra, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';
import { writeCaSignedCrl } from '../support/ca-crl-file.js';
import { startEmulatorWithAnchor } from '../support/emulator-fixture.js';
import { startPublishFixture, type PublishFixture, onlyJson } from '../support/publish-fixture.js';
import { IAMRA_BIN } from '../support/run-cli.js';

let f: PublishFixture;
let before: string;

beforeAll(async () => {
  f = await startPublishFixture('ec-p384');
  before = dumpDatabase(f.caDir);
});

afterAll(() => f.stop());

const publish = (args: string[], env: Record<string, string | undefined> = {}) =>
  f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint, ...args], env);

/** Exit code, the one stderr line, and proof that neither the service nor the CA database saw anything. */
async function refused(args: string[], exitCode: number, env: Record<string, string | undefined> = {}): Promise<string> {
  const result = await publish(args, env);
  const line = expectUserError(result, exitCode);
  expect(result.stdout).toBe('');
  expect(f.proxy.requests).toEqual([]);
  expect(dumpDatabase(f.caDir)).toBe(before);
  return line;
}

describe('refused before any call, nothing changed', () => {
  it('a malformed trust anchor ARN (exit 2)', async () => {
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', 'arn:aws:rolesanywhere:us-east-1:123456789012:profile/00000000-0000-0000-0000-000000000000']);
    expect(expectUserError(result, 2)).toBe('iamra: invalid --trust-anchor-arn: not a Roles Anywhere trust anchor ARN (arn:aws:rolesanywhere:us-east-1:123456789012:profile/00000000-0000-0000-0000-000000000000). Copy it from "aws rolesanywhere list-trust-anchors", e.g. arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<uuid>.');
    expect(f.proxy.requests).toEqual([]);
    expect(dumpDatabase(f.caDir)).toBe(before);
  });

  it('a bad endpoint, region or CRL name (exit 2)', async () => {
    expect(await refused(['--endpoint', 'ftp://example.com'], 2)).toMatch(/^iamra: invalid --endpoint: not an http\(s\) URL without query \(ftp:\/\/example\.com\)\./);
    expect(await refused(['--region', 'Mars'], 2)).toBe('iamra: invalid --region: not a region name (Mars). Pass e.g. us-east-1.');
    expect(await refused(['--name', 'bad/name'], 2)).toMatch(/^iamra: invalid --name: a CRL name is 1-255 letters/);
  });

  it('a CRL file over the 300,000-byte cap as sent (exit 1)', async () => {
    const path = await writeCaSignedCrl(f.caDir, 'big.der', { entryCount: 5500, crlNumber: 7n, format: 'der' });
    expect(readFileSync(path).length).toBeLessThan(300_000);
    expect(await refused(['--crl', path], 1)).toMatch(/^iamra: cannot publish the CRL file: it is \d{6} bytes as PEM, over the 300000-byte limit of Roles Anywhere ImportCrl \(.*big\.der\)\. Let expired certificates drop out or split the CA; nothing was sent\.$/);
  });

  it('a CRL file another CA signed (exit 3)', async () => {
    const otherDir = createCa(tempDir());
    const path = await writeCaSignedCrl(otherDir, 'other.pem', { entryCount: 1, crlNumber: 1n, format: 'pem' });
    expect(await refused(['--crl', path], 3)).toMatch(/^iamra: cannot publish the CRL file: its signature does not verify with this CA's key \(.*other\.pem\)\. Publish a CRL this CA signed\.$/);
  });

  it('a CA whose CRL would be over the cap: nothing signed, stored or sent (exit 1)', async () => {
    const bigDir = createCa(tempDir('iamra-publish-big-'));
    opensslCsr(join(bigDir, '..'), 'many');
    const issued = iamra(join(bigDir, '..'), ['issue', '--ca', 'ca', '--csr', 'many.csr', '--count', '5000', '--cert-out', 'many.pem']);
    expect(issued.status).toBe(0);
    sqlite(bigDir, "UPDATE certificates SET revoked_at = '2026-01-01T00:00:00.000Z', revocation_reason = 'keyCompromise'");
    // (sqlite3 .dump of 5000 certificates is too big to compare; these are the tables a publish writes.)
    const state = () => sqlite(bigDir, "SELECT (SELECT COUNT(*) FROM crls), (SELECT MAX(id) FROM audit_log), (SELECT COUNT(*) FROM publish_targets), (SELECT COUNT(*) FROM crl_contents)");
    const unchanged = state();
    const result = await f.iamra(['crl', 'publish', '--ca', bigDir, '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint]);
    expect(expectUserError(result, 1)).toMatch(/^iamra: refused: the CRL would be \d{6} bytes \(5000 entries\), over the 300000-byte limit of Roles Anywhere ImportCrl\./);
    expect(unchanged).toMatch(/^0\|\d+\|0\|0$/);
    expect(state()).toBe(unchanged);
    expect(f.proxy.requests).toEqual([]);
  });

  it('a file that is not a CRL (exit 3)', async () => {
    expect(await refused(['--crl', join(f.caDir, 'ca.crt')], 3)).toMatch(/^iamra: cannot read CRL .*ca\.crt: no complete PEM block labelled X509 CRL\./);
  });

  it('a wrong CA key passphrase (exit 3)', async () => {
    expect(await refused([], 3, { IAMRA_CA_PASSPHRASE: 'wrong' })).toMatch(/^iamra: .*ca\.key/);
  });
});

describe('--crl FILE and the service', () => {
  it('sends a DER file as PEM and keeps its CRL number', async () => {
    const path = await writeCaSignedCrl(f.caDir, 'small.der', { entryCount: 3, crlNumber: 42n, format: 'der' });
    const result = await publish(['--crl', path, '--json']);
    expect(result.status).toBe(0);
    expect(onlyJson(result.stdout)).toMatchObject({ outcome: 'imported', crlNumber: 42, isNewCrl: false });
    const { crls } = await f.fixture.emulator.control.listCrls();
    expect(crls[0]!.crlData.toString('latin1')).toMatch(/^-----BEGIN X509 CRL-----\n[A-Za-z0-9+/=\n]+-----END X509 CRL-----\n$/);
  });

  it('refuses a CRL file older (lower CRL number) than the one last sent (exit 1)', async () => {
    const path = await writeCaSignedCrl(f.caDir, 'older.pem', { entryCount: 1, crlNumber: 41n, format: 'pem' });
    const calls = f.proxy.requests.length;
    const result = await publish(['--crl', path]);
    expect(expectUserError(result, 1)).toBe(`iamra: cannot publish CRL 41: trust anchor ${f.trustAnchorArn} was last sent CRL 42, and an older CRL could un-revoke certificates (${path}). Publish a CRL numbered 42 or higher.`);
    expect(f.proxy.requests.length).toBe(calls);
  });

  it('undoes the pending import when the service says the trust anchor does not exist (exit 3)', async () => {
    const missing = f.trustAnchorArn.replace(/[0-9a-f]{8}-/, '00000000-');
    const publishState = () => sqlite(f.caDir, 'SELECT * FROM publish_targets; SELECT * FROM publish_history');
    const unchanged = publishState();
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', missing, '--endpoint', f.endpoint]);
    expect(expectUserError(result, 3)).toBe(`iamra: ImportCrl failed: ResourceNotFoundException: Trust anchor not found (${f.endpoint}). Check --trust-anchor-arn, --region and --endpoint.`);
    // The CRL signed before the call stays (valid, sent by the next publish); the target is not remembered.
    expect(publishState()).toBe(unchanged);
    expect(f.proxy.count('POST', /^\/crls$/)).toBe(2);
  });

  it('reports missing credentials (exit 2)', async () => {
    const result = await publish([], { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect(expectUserError(result, 2)).toMatch(/^iamra: cannot call GetCrl: the AWS SDK's credential chain found no credentials \(http:\/\/127\.0\.0\.1:\d+\)\. Set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY\.$/);
  });

  it('reports a refusal by the service (exit 1): a request signed with the wrong secret', async () => {
    const strict = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(f.caDir, 'ca.crt'), 'utf8')], options: { accessKeys: { AKIDEXAMPLE: 'another-secret' } } });
    try {
      const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', strict.trustAnchorArn, '--endpoint', strict.emulator.url]);
      expect(expectUserError(result, 1)).toMatch(/^iamra: ListCrls refused: InvalidSignatureException: The request signature we calculated does not match .* \(http:\/\/127\.0\.0\.1:\d+\)\. Grant rolesanywhere:ImportCrl, UpdateCrl, EnableCrl, ListCrls and GetCrl on the trust anchor's CRLs \(docs\/crl-publishing\.md\), and check the credentials\.$/);
    } finally {
      await strict.stop();
    }
  });

  it('takes credentials from a credential_process profile (--profile), verified by the service, and remembers the profile', async () => {
    const strict = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(f.caDir, 'ca.crt'), 'utf8')], options: { accessKeys: { AKIDPROCESS: 'process-secret' } } });
    try {
      const script = join(f.dir, 'creds.sh');
      writeFileSync(script, `#!/bin/sh\necho '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "process-secret"}'\n`, { mode: 0o755 });
      writeFileSync(join(f.dir, 'aws-config'), `[profile publisher]\ncredential_process = ${script}\n`);
      const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: join(f.dir, 'aws-config') };
      const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', strict.trustAnchorArn, '--endpoint', strict.emulator.url, '--profile', 'publisher', '--json'], env);
      expect(result.stderr).toBe('');
      expect(onlyJson(result.stdout)).toMatchObject({ outcome: 'imported', trustAnchorArn: strict.trustAnchorArn });
      // The remembered profile, without --profile: the status of this anchor alone calls the service with it.
      const status = onlyJson((await f.iamra(['crl', 'status', '--ca', 'ca', '--trust-anchor-arn', strict.trustAnchorArn, '--json'], env)).stdout) as { target: { profile: string }; isUpToDate: boolean };
      expect(status).toMatchObject({ target: { profile: 'publisher' }, isUpToDate: true });
    } finally {
      await strict.stop();
    }
  });

  it('publishes over TLS to an endpoint whose CA is in NODE_EXTRA_CA_CERTS, and refuses it otherwise (exit 4, as the helper)', async () => {
    const tls = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(f.caDir, 'ca.crt'), 'utf8')], tls: true });
    try {
      const args = ['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', tls.trustAnchorArn, '--endpoint', tls.emulator.url];
      const untrusted = await f.iamra(args, { NODE_EXTRA_CA_CERTS: undefined });
      expect(expectUserError(untrusted, 4)).toBe(`iamra: ListCrls failed: the TLS connection was refused, DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate (${new URL(tls.emulator.url).host}). Set AWS_CA_BUNDLE to the CA that issued the endpoint's certificate.`);
      const trusted = await f.iamra(args, { NODE_EXTRA_CA_CERTS: tls.emulator.caCertPath });
      expect(trusted.stderr).toBe(""); expect(trusted.stdout).toMatch(/^imported CRL \d+ /);
      expect(trusted.status).toBe(0);
    } finally {
      await tls.stop();
    }
  });

  it('takes credentials from iamra itself as the profile\'s credential_process (Roles Anywhere session credentials)', async () => {
    await f.issue('publisher');
    const { emulator, trustAnchorArn, profileArn, roleArn } = f.fixture;
    const helper = [process.execPath, IAMRA_BIN, 'credential-process', '--certificate', join(f.dir, 'publisher.crt'), '--private-key', join(f.dir, 'publisher.key'),
      '--endpoint', emulator.url, '--trust-anchor-arn', trustAnchorArn, '--profile-arn', profileArn, '--role-arn', roleArn];
    writeFileSync(join(f.dir, 'aws-config-iamra'), `[profile via-iamra]\ncredential_process = ${helper.join(' ')}\n`);
    const env = { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_CONFIG_FILE: join(f.dir, 'aws-config-iamra') };
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', trustAnchorArn, '--endpoint', f.endpoint, '--profile', 'via-iamra', '--json'], env);
    expect(result.stderr).toBe('');
    expect(onlyJson(result.stdout)).toMatchObject({ trustAnchorArn });
    expect(result.status).toBe(0);
  });
});
