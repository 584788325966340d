// The emulator with certificates and CRLs from iamra's own CA (`ca init`, `issue`, `revoke`,
// `crl generate`): what the CA issues authenticates, and what its CRL revokes is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCa, iamra, opensslCsr, tempDir } from '../support/ca-fixture.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { callCreateSession, signerFromPem } from '../support/session-client.js';

let dir: string;
let fixture: EmulatorFixture;

function issue(name: string): string {
  opensslCsr(dir, name);
  const result = iamra(dir, ['issue', '--ca', 'ca', '--csr', `${name}.csr`, '--subject', `CN=${name}`, '--cert-out', `${name}.crt`, '--json']);
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { serial: string }).serial;
}

async function session(name: string): Promise<[number, unknown]> {
  const signer = signerFromPem(readFileSync(join(dir, `${name}.crt`), 'utf8'), readFileSync(join(dir, `${name}.key`), 'utf8'));
  const answer = await callCreateSession({
    url: fixture.emulator.url,
    signer,
    trustAnchorArn: fixture.trustAnchorArn,
    profileArn: fixture.profileArn,
    roleArn: fixture.roleArn,
  });
  return [answer.status, answer.status === 201 ? 'ok' : answer.json.message];
}

beforeAll(async () => {
  dir = tempDir('iamra-emulator-ca-');
  const caDir = createCa(dir);
  fixture = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(caDir, 'ca.crt'), 'utf8')] });
});

afterAll(() => fixture.stop());

describe('emulator with the iamra CA', () => {
  it('accepts a certificate the CA issued, refuses it once revoked by an imported `crl generate`', async () => {
    const serial = issue('workload');
    issue('bystander');
    expect(await session('workload')).toEqual([201, 'ok']);
    expect(iamra(dir, ['revoke', '--ca', 'ca', serial, '--reason', 'keyCompromise']).status).toBe(0);
    const generated = iamra(dir, ['crl', 'generate', '--ca', 'ca', '--out', 'ca.crl']);
    expect(generated.status).toBe(0);
    const crlData = readFileSync(join(dir, 'ca.crl'));
    await fixture.emulator.control.importCrl({ name: 'iamra-ca', crlData, trustAnchorArn: fixture.trustAnchorArn, enabled: true });
    expect(await session('workload')).toEqual([403, 'Certificate revoked']);
    expect(await session('bystander')).toEqual([201, 'ok']);
  });
});
