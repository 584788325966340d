// A throw-away SoftHSM2 token for tests: its own token directory and config (SOFTHSM2_CONF), keys
// made with pkcs11-tool (opensc), certificates written to the token with pkcs11-tool.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const TOKEN_PIN = '1234';
export const TOKEN_SO_PIN = '5678';

/** Whether softhsm2 and pkcs11-tool are installed (CI installs softhsm2, opensc, p11-kit). */
export const hasSoftHsm = existsSync(SOFTHSM_MODULE) && spawnSync('pkcs11-tool', ['--version']).error === undefined;

// The last three are curves and types the token holds but Roles Anywhere does not take (refusal tests).
export type TokenKeyType = 'EC:prime256v1' | 'EC:secp384r1' | 'rsa:2048' | 'rsa:3072' | 'EC:secp256k1' | 'EC:brainpoolP256r1' | 'EC:edwards25519';

export interface SoftHsmToken {
  dir: string;
  label: string;
  /** Environment a child process needs to see this token (SOFTHSM2_CONF). */
  env: Record<string, string>;
  /** The token's URI attribute (`token=LABEL`). */
  uriBase: string;
  generateKey(options: { type: TokenKeyType; label: string; id: string; extraArgs?: string[] }): void;
  /** Writes a certificate (PEM or DER) to the token as a CKO_CERTIFICATE object. */
  writeCertificate(options: { pem: string; label: string; id: string }): void;
  run(args: string[]): string;
  remove(): void;
}

function check(result: ReturnType<typeof spawnSync>, what: string): string {
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}): ${String(result.stderr)}`);
  return String(result.stdout);
}

export function createSoftHsmToken(label = 'iamra-test'): SoftHsmToken {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  const env = { SOFTHSM2_CONF: conf };
  const spawnEnv = { ...process.env, ...env };
  check(spawnSync('softhsm2-util', ['--init-token', '--free', '--label', label, '--pin', TOKEN_PIN, '--so-pin', TOKEN_SO_PIN], { env: spawnEnv }), 'softhsm2-util --init-token');
  const run = (args: string[]): string =>
    check(spawnSync('pkcs11-tool', ['--module', SOFTHSM_MODULE, '--token-label', label, '--login', '--pin', TOKEN_PIN, ...args], { env: spawnEnv }), `pkcs11-tool ${args[0]}`);
  return {
    dir,
    label,
    env,
    uriBase: `token=${encodeURIComponent(label)}`,
    run,
    generateKey: ({ type, label: keyLabel, id, extraArgs = [] }) => {
      run(['--keypairgen', '--key-type', type, '--label', keyLabel, '--id', id, '--usage-sign', ...extraArgs]);
    },
    writeCertificate: ({ pem, label: certLabel, id }) => {
      const body = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
      const path = join(dir, `${certLabel}.der`);
      writeFileSync(path, Buffer.from(body, 'base64'));
      run(['--write-object', path, '--type', 'cert', '--label', certLabel, '--id', id]);
      rmSync(path);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Sets boolean attributes of a private key (e.g. CKA_SIGN false, which pkcs11-tool cannot make:
 * SoftHSM defaults CKA_SIGN to true), through pkcs11js in a child process with the token's config.
 */
export function setPrivateKeyFlags(token: SoftHsmToken, label: string, flags: Record<'CKA_SIGN' | 'CKA_DECRYPT', boolean>): void {
  const script = `
    const p = require('pkcs11js'); const lib = new p.PKCS11(); lib.load(${JSON.stringify(SOFTHSM_MODULE)}); lib.C_Initialize();
    try {
      const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === ${JSON.stringify(token.label)});
      const session = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
      lib.C_Login(session, p.CKU_USER, ${JSON.stringify(TOKEN_PIN)});
      lib.C_FindObjectsInit(session, [{ type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY }, { type: p.CKA_LABEL, value: ${JSON.stringify(label)} }]);
      const [key] = lib.C_FindObjects(session, 2); lib.C_FindObjectsFinal(session);
      lib.C_SetAttributeValue(session, key, ${JSON.stringify(Object.entries(flags))}.map(([name, value]) => ({ type: p[name], value })));
    } finally { lib.C_Finalize(); lib.close(); }`;
  check(spawnSync(process.execPath, ['-e', script], { cwd: join(import.meta.dirname, '../..'), env: { ...process.env, ...token.env } }), 'C_SetAttributeValue');
}

/** The public key of a token key as PEM (pkcs11-tool --read-object), to certify it in tests. */
export function readTokenPublicKeyPem(token: SoftHsmToken, id: string): string {
  const path = join(token.dir, `pub-${id}.der`);
  token.run(['--read-object', '--type', 'pubkey', '--id', id, '--output-file', path]);
  const der = spawnSync('openssl', ['pkey', '-pubin', '-inform', 'DER', '-in', path, '-outform', 'PEM']);
  rmSync(path);
  return check(der, 'openssl pkey');
}
