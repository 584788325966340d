// #9 `iamra renew --revoke-old --publish` against the emulator: the renewed certificate gets
// credentials, the superseded one is refused once the CRL is published, and --json carries both
// certificates and the publish result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUserError } from '../support/ca-fixture.js';
import { startPublishFixture, type PublishFixture } from '../support/publish-fixture.js';

let f: PublishFixture;
let serial: string;

beforeAll(async () => {
  f = await startPublishFixture();
  serial = await f.issue('alice');
  const published = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint]);
  if (published.status !== 0) throw new Error(published.stderr);
});

afterAll(() => f.stop());

describe('renew --revoke-old --publish', () => {
  it('publishes the CRL that supersedes the old certificate; the new one keeps working', async () => {
    expect((await f.credentials('alice')).status).toBe(0);
    const result = await f.iamra(['renew', '--ca', 'ca', serial, '--key-out', 'alice2.key', '--cert-out', 'alice2.crt', '--revoke-old', '--publish', '--json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const json = JSON.parse(result.stdout) as { serial: string; renewedFrom: string; previous: { serial: string; status: string; revocationReason: string }; publish: Array<{ outcome: string; crlNumber: number; trustAnchorArn: string }> };
    expect(json).toMatchObject({ renewedFrom: serial, previous: { serial, status: 'revoked', revocationReason: 'superseded' }, publish: [{ outcome: 'updated', crlNumber: 2, trustAnchorArn: f.trustAnchorArn }] });
    const refused = await f.credentials('alice');
    expect(expectUserError(refused, 1)).toMatch(/Certificate revoked/);
    const wire = await f.createSession('alice2');
    expect(wire.status).toBe(201);
  });
});
