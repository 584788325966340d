// Benchmark: the CA key on a PKCS#11 token (SoftHSM2) against the same kind of CA with a file key,
// certificates issued per second in one process; and the helper's cold credential-process with a
// token key against a file key. Both sides run in the same run, interleaved where it matters.
import { signingKeyFromKeyObject, type SigningKey } from '../keys/signing-key.js';
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCa } from '../ca/init-ca.js';
import { issueCertificate } from '../ca/issue-certificate.js';
import { buildIssueRequest, type IssueRequest } from '../ca/issue-request.js';
import { type KeyType } from '../ca/key-type.js';
import { nameAttribute } from '../ca/x509/distinguished-name.js';
import { openCa } from '../ca/open-ca.js';
import { generateTokenKey } from '../keys/pkcs11/generate-token-key.js';
import { redactPkcs11Uri, withModulePath } from '../keys/pkcs11/pkcs11-uri.js';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../test/support/pki.js';
import { createSoftHsmToken, readTokenPublicKeyPem, SOFTHSM_MODULE, type SoftHsmToken } from '../test/support/softhsm.js';

const ISSUED = 300;
const HELPER_RUNS = 10;
const BIN = join(import.meta.dirname, '../dist/iamra.js');

function ecSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return signingKeyFromKeyObject(privateKey, publicKey);
}

function requests(): IssueRequest[] {
  return Array.from({ length: ISSUED }, (_, i) =>
    buildIssueRequest({ generatedKey: ecSigningKey(), subjectText: `CN=workload-${i},O=Example`, sanTexts: [] }));
}

async function makeCa(dir: string, keyType: KeyType, tokenUri?: string): Promise<void> {
  const base = { dir, subject: [nameAttribute('CN', `bench ${keyType}`)], keyType, validitySeconds: 86_400 * 365, isIntermediate: false, allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench' };
  if (!tokenUri) return void (await initCa(base));
  const { key } = await generateTokenKey({ uri: tokenUri, modulePath: SOFTHSM_MODULE, spec: keyType === 'rsa-2048' ? { kind: 'rsa', bits: 2048 } : { kind: 'ec', curve: 'P-256' } });
  // initCa closes the key; ca.json gets the URI without its PIN (issueRate passes $IAMRA_CA_PIN).
  await initCa({ ...base, tokenKey: { key, reference: withModulePath(redactPkcs11Uri(tokenUri), SOFTHSM_MODULE) } });
}

/** Certificates per second: the signer loaded once, then issue (build, sign, store) each request. */
async function issueRate(dir: string, work: IssueRequest[]): Promise<number> {
  const ca = await openCa({ dir });
  try {
    const signer = await ca.signer(async () => '');
    const start = process.hrtime.bigint();
    for (const request of work) {
      await issueCertificate({ store: ca.store, signer, publicKey: request.publicKey, subjectPublicKeyInfo: request.subjectPublicKeyInfo, subject: request.subject, sans: request.sans, allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench' });
    }
    return work.length / (Number(process.hrtime.bigint() - start) / 1e9);
  } finally {
    await ca.close();
  }
}

function wallMs(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - start) / 1e6) : reject(new Error(`exit ${code}: ${stderr}`))));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function helperCold(token: SoftHsmToken, dir: string): Promise<{ file: number; token: number }> {
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const fileLeaf = writeIdentity(dir, 'file-leaf', await issueTestCertificate(root, { subject: 'CN=file,O=iamra', keyType: 'ec-p256' }));
  token.generateKey({ type: 'EC:prime256v1', label: 'workload', id: '77' });
  const publicKeyPath = join(dir, 'token.pub.pem');
  writeFileSync(publicKeyPath, readTokenPublicKeyPem(token, '77'));
  const rootFiles = writeIdentity(dir, 'root', root);
  const tokenCert = join(dir, 'token-leaf.crt');
  const ext = join(dir, 'leaf.ext');
  writeFileSync(ext, 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n');
  const made = spawnSync('openssl', ['x509', '-new', '-subj', '/CN=token/O=iamra', '-force_pubkey', publicKeyPath, '-CA', rootFiles.certPath, '-CAkey', rootFiles.keyPath, '-days', '1', '-extfile', ext, '-out', tokenCert]);
  if (made.status !== 0) throw new Error(`openssl x509 -new failed: ${String(made.stderr)}`);
  const pin = join(dir, 'pin');
  writeFileSync(pin, '1234\n');
  const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], tls: true });
  try {
    const env = { ...process.env, ...token.env, HOME: dir, AWS_CA_BUNDLE: fixture.emulator.caCertPath };
    const arns = ['--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url];
    const cases = {
      file: [BIN, 'credential-process', '--certificate', fileLeaf.certPath, '--private-key', fileLeaf.keyPath, ...arns],
      token: [BIN, 'credential-process', '--certificate', tokenCert, '--private-key', `pkcs11:${token.uriBase};object=workload?pin-source=${pin}`, '--pkcs11-lib', SOFTHSM_MODULE, ...arns],
    };
    const samples = { file: [] as number[], token: [] as number[] };
    for (let i = 0; i <= HELPER_RUNS; i++) {
      for (const name of ['file', 'token'] as const) {
        const ms = await wallMs(cases[name], env);
        if (i > 0) samples[name].push(ms);
      }
    }
    return { file: median(samples.file), token: median(samples.token) };
  } finally {
    await fixture.stop();
  }
}

export default async function bench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-pkcs11-'));
  const token = createSoftHsmToken('bench-token');
  process.env.SOFTHSM2_CONF = token.env.SOFTHSM2_CONF;
  process.env.IAMRA_CA_PIN = '1234';
  try {
    const rows: string[] = [];
    for (const keyType of ['ec-p256', 'rsa-2048'] as const) {
      await makeCa(join(dir, `file-${keyType}`), keyType);
      await makeCa(join(dir, `token-${keyType}`), keyType, `pkcs11:${token.uriBase};object=ca-${keyType}?pin-value=1234`);
      const work = requests();
      const fileRate = await issueRate(join(dir, `file-${keyType}`), work);
      const tokenRate = await issueRate(join(dir, `token-${keyType}`), work);
      rows.push(`| ${keyType} | ${fileRate.toFixed(0)} | ${tokenRate.toFixed(0)} | ${(tokenRate / fileRate).toFixed(2)}x |`);
    }
    const helper = await helperCold(token, dir);
    return [
      '## pkcs11',
      '',
      `CA issuance with the CA key on SoftHSM2 2.6 (through pkcs11js, C_Sign per certificate) against a CA with an unencrypted file key, ${ISSUED} certificates each from in-memory requests (build, sign, store in SQLite at the default durability), one run each in the same process.`,
      '',
      '| CA key | file key (certificates/s) | SoftHSM2 key (certificates/s) | token / file |',
      '|---|---|---|---|',
      ...rows,
      '',
      `Helper: cold \`credential-process\` (EC P-256, emulator on loopback over TLS), medians of ${HELPER_RUNS} interleaved runs: file key ${helper.file.toFixed(0)} ms, SoftHSM2 key ${helper.token.toFixed(0)} ms (${(helper.token / helper.file).toFixed(2)}x: loading pkcs11js and the module, C_Initialize, login, one C_Sign). Load average ${loadavg()[0]!.toFixed(1)}.`,
    ].join('\n');
  } finally {
    token.remove();
    rmSync(dir, { recursive: true, force: true });
  }
}
