// Benchmark (issue 14): ML-DSA-65 sign and verify rates (@noble/post-quantum, pure JS) against
// ECDSA P-256 (Node's crypto, OpenSSL) in the same run, over a StringToSign-sized message; and the
// helper's cold `credential-process` with an ML-DSA-65 key against a P-256 key, as ratios to
// `node -e 0`.
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMlDsaPrivateKey, generateMlDsaKey } from '../keys/ml-dsa-key.js';
import { CA_ENV } from '../test/support/ca-fixture.js';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../test/support/pki.js';
import { runCli } from '../test/support/run-cli.js';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { ML_DSA_PARAMETERS } from '../x509/ml-dsa.js';
import { measureNode as measure, median, type Sample } from './support/measure-process.js';


const RUNS = 15;
const RATE_SECONDS = 1.5;
const BIN = join(import.meta.dirname, '../dist/iamra.js');

/** Operations per second of `operation`, run for about RATE_SECONDS after a short warm-up. */
function rate(operation: () => void): number {
  for (let i = 0; i < 20; i++) operation();
  const start = process.hrtime.bigint();
  let count = 0;
  let elapsed = 0;
  while (elapsed < RATE_SECONDS * 1e9) {
    operation();
    count++;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return count / (elapsed / 1e9);
}

async function signingRates(): Promise<string[]> {
  const engine = await loadMlDsaEngine();
  const message = randomBytes(330);
  const mlDsa = generateMlDsaKey(ML_DSA_PARAMETERS['ML-DSA-65'], randomBytes(32), engine);
  const mlDsaSignature = engine.sign('ML-DSA-65', mlDsa.secretKey, message);
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ecSignature = sign('sha256', message, ec.privateKey);
  const rates = {
    ecSign: rate(() => sign('sha256', message, ec.privateKey)),
    ecVerify: rate(() => verify('sha256', message, ec.publicKey, ecSignature)),
    mlSign: rate(() => engine.sign('ML-DSA-65', mlDsa.secretKey, message)),
    mlVerify: rate(() => engine.verify('ML-DSA-65', mlDsa.publicKey, message, mlDsaSignature)),
    mlKeyFromSeed: rate(() => engine.keyPairFromSeed('ML-DSA-65', mlDsa.seed!)),
  };
  const f = (n: number) => n.toFixed(0);
  return [
    '| operation (330-byte message) | ECDSA P-256 (Node crypto) | ML-DSA-65 (@noble/post-quantum) | ML-DSA-65 / P-256 |',
    '|---|---|---|---|',
    `| sign | ${f(rates.ecSign)}/s | ${f(rates.mlSign)}/s | ${(rates.mlSign / rates.ecSign).toFixed(3)}x |`,
    `| verify | ${f(rates.ecVerify)}/s | ${f(rates.mlVerify)}/s | ${(rates.mlVerify / rates.ecVerify).toFixed(3)}x |`,
    `| key from seed (every ML-DSA key load) | - | ${f(rates.mlKeyFromSeed)}/s | - |`,
    '',
    `Sizes: ML-DSA-65 signature ${mlDsaSignature.length} bytes (P-256 DER about ${ecSignature.length}), public key ${mlDsa.publicKey.length} bytes, PKCS#8 seed form ${encodeMlDsaPrivateKey(mlDsa, 'seed').length} bytes.`,
  ];
}

function mlDsaIdentity(dir: string): { certPath: string; keyPath: string; rootPem: string } {
  for (const args of [
    ['ca', 'init', '--ca', 'pq', '--subject', 'CN=Bench PQ Root,O=iamra', '--key-type', 'ml-dsa-65'],
    ['issue', '--ca', 'pq', '--generate-key', '--key-type', 'ml-dsa-65', '--subject', 'CN=bench-pq,O=iamra', '--key-out', 'pq.key', '--cert-out', 'pq.crt'],
  ]) {
    const result = runCli(args, { cwd: dir, env: CA_ENV });
    if (result.status !== 0) throw new Error(`iamra ${args.join(' ')}: ${result.stderr}`);
  }
  return { certPath: join(dir, 'pq.crt'), keyPath: join(dir, 'pq.key'), rootPem: readFileSync(join(dir, 'pq', 'ca.crt'), 'utf8') };
}

async function coldCredentialProcess(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-ml-dsa-'));
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const ec = writeIdentity(dir, 'ec', await issueTestCertificate(root, { subject: 'CN=bench-ec,O=iamra', keyType: 'ec-p256' }));
  const pq = mlDsaIdentity(dir);
  const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem, pq.rootPem], tls: true });
  try {
    const env = { ...process.env, HOME: dir, XDG_CACHE_HOME: join(dir, 'cache'), AWS_CA_BUNDLE: fixture.emulator.caCertPath };
    const args = (cert: string, key: string) => [BIN, 'credential-process', '--certificate', cert, '--private-key', key, '--trust-anchor-arn', fixture.trustAnchorArn, '--profile-arn', fixture.profileArn, '--role-arn', fixture.roleArn, '--endpoint', fixture.emulator.url];
    const cases = { baseline: ['-e', '0'], ec: args(ec.certPath, ec.keyPath), mlDsa: args(pq.certPath, pq.keyPath) };
    for (const name of Object.keys(cases) as Array<keyof typeof cases>) await measure(cases[name], env);
    const samples: Record<keyof typeof cases, Sample[]> = { baseline: [], ec: [], mlDsa: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const name of Object.keys(cases) as Array<keyof typeof cases>) samples[name].push(await measure(cases[name], env));
    }
    const wall = (name: keyof typeof cases) => median(samples[name].map((s) => s.wallMs));
    const cpu = (name: keyof typeof cases) => samples[name].reduce((sum, s) => sum + s.cpuMs, 0) / samples[name].length;
    const rss = (name: keyof typeof cases) => median(samples[name].map((s) => s.maxRssKb));
    const row = (name: keyof typeof cases, label: string) =>
      `| ${label} | ${(wall(name) / wall('baseline')).toFixed(2)}x | ${(cpu(name) / cpu('baseline')).toFixed(2)}x | ${(rss(name) / rss('baseline')).toFixed(2)}x | ${wall(name).toFixed(0)} ms |`;
    return [
      `Cold \`iamra credential-process\` (no cache) against the emulator on loopback over TLS, medians of ${RUNS} interleaved runs, ratios to \`node -e 0\`:`,
      '',
      '| key | wall time (median) | CPU time, user+sys (mean) | peak RSS (median) | wall (median) |',
      '|---|---|---|---|---|',
      row('ec', 'EC P-256'),
      row('mlDsa', 'ML-DSA-65 (seed-form PKCS#8)'),
      '',
      `ML-DSA-65 / P-256 cold wall time: ${(wall('mlDsa') / wall('ec')).toFixed(2)}x. The ML-DSA run also loads dist/ml-dsa.js (noble, bundled) and expands the key from its seed. Baseline ${wall('baseline').toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`,
    ];
  } finally {
    await fixture.stop();
  }
}

export default async function bench(): Promise<string> {
  return ['## ML-DSA (issue 14)', '', ...(await signingRates()), '', ...(await coldCredentialProcess())].join('\n');
}
