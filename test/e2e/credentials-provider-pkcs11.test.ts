// `iamra/credentials` (the built package subpath) with the key and certificate on a SoftHSM2
// token: a real STSClient calls GetCallerIdentity on the emulator with the credentials
// fromRolesAnywhere obtained from the emulator's CreateSession. After each refresh the provider
// has closed its session and finalised the module: this process can C_Initialize SoftHSM again
// (PKCS#11 state is per process; a module left open answers CKR_CRYPTOKI_ALREADY_INITIALIZED).
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKCS11 } from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Credentials from '../../credential-process/provider/credentials.js';
import { startEmulatorWithAnchor, type EmulatorFixture } from '../support/emulator-fixture.js';
import { createSoftHsmToken, hasSoftHsm, readTokenPublicKeyPem, SOFTHSM_MODULE, type SoftHsmToken } from '../support/softhsm.js';
import { certifyPublicKey } from '../support/token-certificate.js';
import { createPki, writeFile, type TestPki } from './helper-support/fixtures.js';

const SUBPATH: string = 'iamra/credentials';
let api: typeof Credentials;
let pki: TestPki;
let emulator: EmulatorFixture;
let token: SoftHsmToken;
let pinFile: string;

beforeAll(async () => {
  if (!hasSoftHsm) return;
  api = (await import(SUBPATH)) as typeof Credentials;
  pki = await createPki();
  emulator = await startEmulatorWithAnchor({ caCertPems: [pki.root.certPem] });
  token = createSoftHsmToken('provider-token');
  // SoftHSM reads its configuration from this process's environment at C_Initialize.
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  pinFile = writeFile(token.dir, 'pin.txt', '1234\n', 0o600);
  for (const [label, id, type, extraArgs] of [['rsa-key', '01', 'rsa:2048', []], ['ec-key', '02', 'EC:prime256v1', []], ['always', '03', 'EC:prime256v1', ['--always-auth']]] as const) {
    token.generateKey({ type, label, id, extraArgs: [...extraArgs] });
    const path = certifyPublicKey({ dir: pki.dir, label, publicKeyPem: readTokenPublicKeyPem(token, id), caCertPath: pki.intermediatePath, caKeyPath: join(pki.dir, 'intermediate.key') });
    token.writeCertificate({ pem: readFileSync(path, 'utf8'), label, id });
  }
});
afterAll(async () => {
  await emulator?.stop();
  token?.remove();
});

/** Whether something in this process still has SoftHSM initialised (an unclosed token key). */
function isModuleStillOpen(): boolean {
  const lib = new PKCS11();
  lib.load(SOFTHSM_MODULE);
  try {
    lib.C_Initialize();
    lib.C_Finalize();
    return false;
  } catch (error) {
    if ((error as { code?: unknown }).code === 0x191) return true;
    throw error;
  } finally {
    lib.close();
  }
}

function provider(options: Partial<Credentials.RolesAnywhereProviderOptions> & { certificate: string }) {
  return api.fromRolesAnywhere({ trustAnchorArn: emulator.trustAnchorArn, profileArn: emulator.profileArn, roleArn: emulator.roleArn, endpoint: emulator.emulator.url, intermediates: pki.intermediatePath, pkcs11Lib: SOFTHSM_MODULE, warn: () => undefined, ...options });
}

function stsClient(credentials: Credentials.RolesAnywhereCredentialProvider): STSClient {
  return new STSClient({ region: 'us-east-1', endpoint: emulator.emulator.url, credentials, maxAttempts: 1 });
}

describe.skipIf(!hasSoftHsm)('fromRolesAnywhere with pkcs11: keys, in a real STSClient', () => {
  for (const label of ['rsa-key', 'ec-key']) {
    it(`${label}: certificate and key on the token; GetCallerIdentity succeeds; the session is closed after the refresh`, async () => {
      expect(isModuleStillOpen()).toBe(false);
      const uri = `pkcs11:token=provider-token;object=${label}`;
      const credentials = provider({ certificate: `${uri};type=cert`, privateKey: `${uri};type=private?pin-source=${pinFile}` });
      const identity = await stsClient(credentials).send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('123456789012');
      expect(identity.Arn).toMatch(/^arn:aws:sts::123456789012:assumed-role\/iamra-test\/\S+$/);
      expect(isModuleStillOpen()).toBe(false);
    });
  }

  it('a CKA_ALWAYS_AUTHENTICATE key needs reusePin (there is no prompt in a library)', async () => {
    const privateKey = `pkcs11:token=provider-token;object=always?pin-source=${pinFile}`;
    const certificate = 'pkcs11:token=provider-token;object=always;type=cert';
    const refused = await provider({ certificate, privateKey })().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(api.UsageError);
    expect(refused).toMatchObject({ code: 'PKCS11_CONTEXT_PIN_REQUIRED', exitCode: 2 });
    expect(isModuleStillOpen()).toBe(false);
    const identity = await stsClient(provider({ certificate, privateKey, reusePin: true })).send(new GetCallerIdentityCommand({}));
    expect(identity.Account).toBe('123456789012');
    expect(isModuleStillOpen()).toBe(false);
  });

  it('a wrong PIN is an InputError PKCS11_PIN_INCORRECT without the PIN, and leaves nothing open', async () => {
    const error = await provider({ certificate: 'pkcs11:token=provider-token;object=ec-key;type=cert', privateKey: 'pkcs11:token=provider-token;object=ec-key?pin-value=9999' })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(api.InputError);
    expect(error).toMatchObject({ code: 'PKCS11_PIN_INCORRECT', exitCode: 3 });
    expect((error as Error).message).not.toContain('9999');
    expect(isModuleStillOpen()).toBe(false);
  });
});
