// Issue #5 end to end: a certificate gets credentials, `iamra revoke --publish` sends the new CRL,
// the next CreateSession is refused with "Certificate revoked", another certificate still works,
// and the AWS CLI lists the CRL.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase, expectUserError } from '../support/ca-fixture.js';
import { AWS_ENV, startPublishFixture, type PublishFixture, onlyJson } from '../support/publish-fixture.js';

let f: PublishFixture;
const serials: Record<string, string> = {};

beforeAll(async () => {
  f = await startPublishFixture();
  for (const name of ['alice', 'bob']) serials[name] = await f.issue(name);
});

afterAll(() => f.stop());

function aws(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('aws', [...args, '--endpoint-url', f.endpoint, '--region', 'us-east-1', '--output', 'json'], { env: { ...process.env, ...AWS_ENV, IAMRA_CA_PASSPHRASE: undefined } as NodeJS.ProcessEnv });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

describe('revoke --publish', () => {
  it('refuses before revoking when the CA has no remembered target', async () => {
    const before = dumpDatabase(f.caDir);
    const result = await f.iamra(['revoke', '--ca', 'ca', serials.alice!, '--publish']);
    expect(expectUserError(result, 2)).toBe('iamra: no publish target: this CA has never been published and --trust-anchor-arn is missing. Pass --trust-anchor-arn ARN once; later runs remember it.');
    expect(result.stdout).toBe('');
    expect(dumpDatabase(f.caDir)).toBe(before);
    expect(f.proxy.requests).toEqual([]);
  });

  it('reports a CA never published as not up to date (exit 1), offline, without a call', async () => {
    const result = await f.iamra(['crl', 'status', '--ca', 'ca', '--offline', '--json']);
    expect([result.status, result.stderr]).toEqual([1, '']);
    expect(JSON.parse(result.stdout)).toEqual([]);
    const text = await f.iamra(['crl', 'status', '--ca', 'ca']);
    expect(text.stdout).toBe('CA CRL: none yet\nno trust anchor: this CA has never been published. Run "iamra crl publish --trust-anchor-arn ARN" once.\n');
    expect(text.status).toBe(1);
    expect(f.proxy.requests).toEqual([]);
  });

  it('publishes the first CRL and remembers the target', async () => {
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^imported CRL 1 \(\d+ bytes\) as arn:aws:rolesanywhere:us-east-1:123456789012:crl\/[0-9a-f-]{36}\nnote: signed a new CRL: the CA had no CRL yet\n$/);
    expect(result.status).toBe(0);
  });

  it('gets credentials before the revocation (iamra credential-process)', async () => {
    for (const name of ['alice', 'bob']) {
      const result = await f.credentials(name);
      expect([result.status, result.stderr]).toEqual([0, '']);
      expect(JSON.parse(result.stdout)).toMatchObject({ Version: 1, AccessKeyId: expect.any(String), SessionToken: expect.any(String) });
    }
  });

  it('refuses the next CreateSession once the revocation is published; others keep working', async () => {
    const result = await f.iamra(['revoke', '--ca', 'ca', serials.alice!, '--reason', 'keyCompromise', '--publish']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^revoked ${serials.alice} \\(CN=alice, O=Example\\) at \\S+, reason keyCompromise\\nupdated arn:aws:rolesanywhere:us-east-1:123456789012:crl/[0-9a-f-]{36} to CRL 2 \\(\\d+ bytes\\)\\nnote: signed a new CRL: the revoked set changed\\n$`));
    const refused = await f.credentials('alice');
    expect(refused.stdout).toBe('');
    expect(expectUserError(refused, 1)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked \(.*\)\. The certificate is on a CRL of the trust anchor: issue a new certificate\.$/);
    expect((await f.credentials('bob')).status).toBe(0);
    // The same answer on the wire, through the test client.
    const wire = await f.createSession('alice');
    expect([wire.status, wire.json.message]).toEqual([403, 'Certificate revoked']);
  });

  it('shows the CRL to the AWS CLI: enabled, named after the CA, holding what was sent', async () => {
    const result = await aws(['rolesanywhere', 'list-crls']);
    expect(result.status).toBe(0);
    const { crls } = JSON.parse(result.stdout) as { crls: Array<{ name: string; enabled: boolean; trustAnchorArn: string; crlData: string }> };
    expect(crls).toHaveLength(1);
    expect(crls[0]).toMatchObject({ enabled: true, trustAnchorArn: f.trustAnchorArn });
    expect(crls[0]!.name).toMatch(/^iamra-[0-9a-f]{16}$/);
    const status = onlyJson((await f.iamra(['crl', 'status', '--ca', 'ca', '--json'])).stdout) as { published: { sha256: string }; isUpToDate: boolean };
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(Buffer.from(crls[0]!.crlData, 'base64')).digest('hex')).toBe(status.published.sha256);
    expect(status.isUpToDate).toBe(true);
  });

  it('keeps the revocation, with a clear line, when the publish fails after it (runs last: stops the endpoint)', async () => {
    await f.proxy.stop();
    const result = await f.iamra(['revoke', '--ca', 'ca', serials.bob!, '--publish']);
    const escaped = f.endpoint.replace(/[.:/]/g, (c) => `\\${c}`);
    expect(expectUserError(result, 4)).toMatch(new RegExp(`^iamra: the revocation is recorded, but GetCrl failed: cannot reach the service: ECONNREFUSED \\(${escaped}\\)\\. Check the network and --endpoint, then retry; then run "iamra crl publish"$`));
    expect(result.stdout).toMatch(new RegExp(`^revoked ${serials.bob} `));
    const list = JSON.parse((await f.iamra(['list', '--ca', 'ca', '--status', 'revoked', '--json'])).stdout) as Array<{ serial: string }>;
    expect(list.map((c) => c.serial).sort()).toEqual([serials.alice, serials.bob].sort());
  });
});
