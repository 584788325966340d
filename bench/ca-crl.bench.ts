// Benchmark: CRL generation with 5,000 and 200,000 revoked entries, iamra versus `openssl ca -gencrl`.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCrl } from '../ca/build-crl.js';
import { initCa } from '../ca/init-ca.js';
import { openCa } from '../ca/open-ca.js';
import { IAMRA_BIN } from '../test/support/run-cli.js';
import { median, timeOpenssl, writeOpensslCa } from './support/openssl-ca.js';
import { spawnSync } from 'node:child_process';
import { nameAttribute } from '../ca/x509/distinguished-name.js';

const SIZES = [5_000, 200_000];
const ROUNDS = 3;
const REASONS = ['keyCompromise', 'superseded', 'unspecified', 'cessationOfOperation'] as const;
const PASSPHRASE = 'bench-passphrase';

function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

/**
 * The same revoked set in iamra's database and in OpenSSL's index.txt. The rows go in through the
 * sqlite3 shell in one transaction: only the store adapter opens the database from code.
 */
function seed(caDir: string, indexPath: string, count: number): void {
  const notAfter = new Date(Date.now() + 30 * 86_400_000);
  const lines: string[] = [];
  const sql: string[] = ['BEGIN;'];
  for (let i = 0; i < count; i++) {
    const bytes = randomBytes(16);
    // Index 0 exists: randomBytes(16) has 16 bytes.
    bytes[0] = (bytes[0]! & 0x7f) | 0x01;
    const serial = bytes.toString('hex');
    const revokedAt = new Date(Date.now() - (i % 1000) * 1000);
    const reason = REASONS[i % REASONS.length]!;
    sql.push(`INSERT INTO certificates (serial, subject, not_before, not_after, issued_at, key_type, der, revoked_at, revocation_reason) VALUES ('${serial}', 'CN=w${i}', '${new Date().toISOString()}', '${notAfter.toISOString()}', '${new Date().toISOString()}', 'ec-p256', x'00', '${revokedAt.toISOString()}', '${reason}');`);
    lines.push(`R\t${opensslTime(notAfter)}\t${opensslTime(revokedAt)}${reason === 'unspecified' ? '' : `,${reason}`}\t${serial.toUpperCase()}\tunknown\t/CN=w${i}\n`);
  }
  sql.push('COMMIT;');
  const result = spawnSync('sqlite3', [join(caDir, 'ca.db')], { input: sql.join('\n'), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`sqlite3 seeding failed: ${result.stderr}`);
  writeFileSync(indexPath, lines.join(''));
}

interface InProcessTimes {
  /** Open the CA, decrypt its key, build, sign, store and write the CRL. */
  totalMs: number;
  /** Only the CRL work: read the revoked set, encode, sign, store (key already loaded). */
  crlMs: number;
}

async function timeIamraInProcess(caDir: string): Promise<InProcessTimes> {
  const start = process.hrtime.bigint();
  const ca = await openCa({ dir: caDir });
  const signer = await ca.signer(async () => PASSPHRASE);
  const crlStart = process.hrtime.bigint();
  const crl = await buildCrl({ store: ca.store, signer, now: new Date(), nextUpdateSeconds: 7 * 86_400, actor: 'bench' });
  const crlMs = Number(process.hrtime.bigint() - crlStart) / 1e6;
  writeFileSync(join(caDir, `crl-${crl.crlNumber}.pem`), crl.pem);
  await ca.close();
  return { totalMs: Number(process.hrtime.bigint() - start) / 1e6, crlMs };
}

function timeIamraCli(caDir: string, out: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [IAMRA_BIN, 'crl', 'generate', '--ca', caDir, '--max-bytes', '0', '--out', out], { env: { ...process.env, IAMRA_CA_PASSPHRASE: PASSPHRASE }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(result.stderr);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function measure(root: string, count: number): Promise<string> {
  const caDir = join(root, `ca-${count}`);
  await initCa({ dir: caDir, subject: [nameAttribute('CN', 'Bench CA')], keyType: 'ec-p256', validitySeconds: 86_400 * 365, isIntermediate: false, passphrase: PASSPHRASE, allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench' });
  // OpenSSL reads the very same encrypted CA key file, so both pay the same key derivation.
  const openssl = writeOpensslCa(join(root, `openssl-${count}`), join(caDir, 'ca.crt'), join(caDir, 'ca.key'));
  seed(caDir, join(openssl.dir, 'index.txt'), count);
  const inProcess: number[] = [];
  const crlOnly: number[] = [];
  const cli: number[] = [];
  const baseline: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(timeOpenssl(['ca', '-gencrl', '-config', openssl.config, '-passin', `pass:${PASSPHRASE}`, '-out', join(openssl.dir, `crl-${round}.pem`)], openssl.dir));
    const times = await timeIamraInProcess(caDir);
    inProcess.push(times.totalMs);
    crlOnly.push(times.crlMs);
    cli.push(timeIamraCli(caDir, join(root, `cli-${count}-${round}.pem`)));
  }
  const base = median(baseline);
  const row = (name: string, ms: number): string => `| ${count.toLocaleString('en-US')} | ${name} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)}x |`;
  return [
    row('openssl ca -gencrl', base),
    row('iamra, in process: open CA, decrypt key, buildCrl', median(inProcess)),
    row('iamra `crl generate` (new process)', median(cli)),
    row('iamra buildCrl alone (key loaded; not comparable)', median(crlOnly)),
  ].join('\n');
}

function timeNodeStart(): number {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}

export default async function benchCaCrl(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'iamra-bench-crl-'));
  try {
    const rows: string[] = [];
    for (const count of SIZES) rows.push(await measure(root, count));
    const nodeStart = timeNodeStart();
    return `## CRL generation (EC P-256 CA)

The same revoked set (random 128-bit serials, mixed reason codes, none expired) in iamra's SQLite
database and in \`openssl ca\`'s index.txt, and the same CA key file for both: iamra's encrypted
PKCS#8 (PBKDF2-HMAC-SHA256, 600,000 iterations), which \`openssl ca -passin\` decrypts too. iamra:
open the CA, decrypt the key, read the revoked set and CRL number in one snapshot, encode, sign,
store the CRL in the database and write the PEM. "new process" runs the built CLI, Node start-up
included, as OpenSSL's figure includes its own process start. The last row of each size is the
CRL work alone, without opening the CA or deriving the key. Median of ${ROUNDS} rounds.

| revoked entries | | time (ms) | ratio to openssl |
|---:|---|---:|---:|
${rows.join('\n')}

Starting Node alone (\`node -e 0\`) took ${nodeStart.toFixed(0)} ms in this run; the new-process
rows include it and the CLI's own start.`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
