// `crl publish` and `revoke --publish` with the CA key on a PKCS#11 token (SoftHSM2), through the
// built CLI: the CRLs signed on the token are imported by the emulator, which then refuses the
// revoked certificate and still accepts the others.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectUserError, writeText } from '../support/ca-fixture.js';
import { startPublishFixture, type PublishFixture } from '../support/publish-fixture.js';
import { createSoftHsmToken, hasSoftHsm, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';

let token: SoftHsmToken;
let f: PublishFixture;
const serials: Record<string, string> = {};

beforeAll(async () => {
  if (!hasSoftHsm) return;
  token = createSoftHsmToken('publish-token');
  // Every CLI run of this file (its own process) sees the token.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  const pinFile = writeText(token.dir, 'pin.txt', '1234\n');
  f = await startPublishFixture('ec-p256', ['--key', `pkcs11:token=publish-token;object=publish-ca?pin-source=${pinFile}`, '--pkcs11-lib', SOFTHSM_MODULE]);
  for (const name of ['alice', 'bob']) serials[name] = await f.issue(name);
});

afterAll(async () => {
  await f?.stop();
  token?.remove();
});

describe.skipIf(!hasSoftHsm)('crl publish and revoke --publish with the CA key on a token', () => {
  it('keeps no key file in the CA directory', () => {
    expect(readdirSync(f.caDir).filter((file) => /key|\.pem$/.test(file))).toEqual([]);
  });

  it('publishes a CRL signed on the token', async () => {
    const result = await f.iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', f.trustAnchorArn, '--endpoint', f.endpoint]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^imported CRL 1 \(\d+ bytes\) as arn:aws:rolesanywhere:us-east-1:123456789012:crl\/[0-9a-f-]{36}\nnote: signed a new CRL: the CA had no CRL yet\n$/);
    expect(result.status).toBe(0);
    for (const name of ['alice', 'bob']) expect((await f.credentials(name)).status).toBe(0);
  });

  it('revoke --publish: the next CreateSession with the revoked certificate is refused', async () => {
    const result = await f.iamra(['revoke', '--ca', 'ca', serials.alice!, '--reason', 'keyCompromise', '--publish']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/\nupdated arn:aws:rolesanywhere:us-east-1:123456789012:crl\/[0-9a-f-]{36} to CRL 2 \(\d+ bytes\)\n/);
    expect(result.status).toBe(0);
    const refused = await f.credentials('alice');
    expect(expectUserError(refused, 1)).toMatch(/^iamra: CreateSession refused: AccessDeniedException: Certificate revoked /);
    expect((await f.credentials('bob')).status).toBe(0);
  });
});
