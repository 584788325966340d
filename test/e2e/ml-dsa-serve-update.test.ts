// issue 14: `serve` and `update` with an ML-DSA-87 key (the largest certificate and signature)
// against the emulator, through the built binary.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iamra, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { runHelper } from './helper-support/run-helper.js';
import { spawnHelper } from './helper-support/spawn-helper.js';

let dir: string;
let fixture: EmulatorFixture;

beforeAll(async () => {
  dir = tempDir('iamra-ml-dsa-serve-');
  for (const args of [
    ['ca', 'init', '--ca', 'root', '--subject', 'CN=PQ Root,O=Example', '--key-type', 'ml-dsa-87'],
    ['issue', '--ca', 'root', '--generate-key', '--key-type', 'ml-dsa-87', '--subject', 'CN=served', '--key-out', 'leaf.key', '--cert-out', 'leaf.crt'],
  ]) {
    const result = iamra(dir, args);
    if (result.status !== 0) throw new Error(result.stderr);
  }
  fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'root', 'ca.crt'), 'utf8')] });
});

afterAll(() => fixture?.stop());

function identityArgs(): string[] {
  return ['--certificate', join(dir, 'leaf.crt'), '--private-key', join(dir, 'leaf.key'), '--trust-anchor-arn', fixture.trustAnchorArn,
    '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url];
}

describe('serve and update with ML-DSA', () => {
  it('update --once writes credentials from an ML-DSA-87 session', async () => {
    const home = tempDir('iamra-home-');
    const result = await runHelper(['update', ...identityArgs(), '--once'], { HOME: home });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readFileSync(join(home, '.aws', 'credentials'), 'utf8')).toMatch(/^\[default\]\naws_access_key_id = ASIA[A-Z0-9]+\naws_secret_access_key = \S+\naws_session_token = \S+\n$/);
  });

  it('serve answers IMDSv2 with credentials from an ML-DSA-87 session', async () => {
    const helper = spawnHelper(['serve', ...identityArgs(), '--port', '0']);
    try {
      const endpoint = (await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=(http:\/\/127\.0\.0\.1:\d+\/)$/))[1]!;
      const token = await (await fetch(new URL('latest/api/token', endpoint), { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '60' } })).text();
      const document = await fetch(new URL(`latest/meta-data/iam/security-credentials/iamra-test`, endpoint), { headers: { 'x-aws-ec2-metadata-token': token } });
      expect(document.status).toBe(200);
      expect(await document.json()).toMatchObject({ Code: 'Success', Type: 'AWS-HMAC', AccessKeyId: expect.stringMatching(/^ASIA/) });
    } finally {
      expect(await helper.stop()).toBe(0);
    }
  });
});
