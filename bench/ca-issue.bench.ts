// Benchmark: issuing N certificates from CSRs in one process, iamra versus `openssl ca -batch -infiles`.
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { caSigner, readCaKey } from '../ca/ca-signer.js';
import { initCa } from '../ca/init-ca.js';
import { issueCertificate } from '../ca/issue-certificate.js';
import { buildIssueRequest } from '../ca/issue-request.js';
import { openCa, requireCertificate } from '../ca/open-ca.js';
import { wrapSigned } from '../ca/x509/certificate.js';
import { encodeCsrInfo } from '../ca/x509/csr-builder.js';
import { encodeName } from '../ca/x509/distinguished-name.js';
import { encodePem } from '../ca/x509/pem.js';
import { signatureAlgorithmFor } from '../ca/x509/signature-algorithm.js';
import { openSqliteCertStore } from '../ca/store/sqlite/sqlite-cert-store.js';
import { median, timeOpenssl, writeOpensslCa } from './support/openssl-ca.js';

const N = 500;
const ROUNDS = 3;

function writeCsrs(dir: string): string[] {
  return Array.from({ length: N }, (_, i) => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const info = encodeCsrInfo({ subjectDer: encodeName([{ type: 'CN', value: `workload-${i}` }, { type: 'O', value: 'Example' }]), subjectPublicKeyInfo: publicKey.export({ format: 'der', type: 'spki' }), extensions: [] });
    const algorithm = signatureAlgorithmFor(privateKey);
    const path = join(dir, `w${i}.csr`);
    writeFileSync(path, encodePem('CERTIFICATE REQUEST', wrapSigned(info, algorithm.identifier, sign('sha256', info, privateKey))));
    return path;
  });
}

/** Opens the CA, loads the key once, then for each CSR: read, verify, build, sign, store, write. */
async function runIamra(caDir: string, csrs: string[], out: string, synchronous: 'FULL' | 'NORMAL'): Promise<number> {
  const start = process.hrtime.bigint();
  const ca = openCa(caDir);
  const signer = caSigner(await readCaKey(ca.paths.key, async () => 'bench-passphrase'), requireCertificate(ca), ca.paths.key);
  let store = ca.store;
  if (synchronous === 'NORMAL') {
    ca.store.close();
    store = openSqliteCertStore(ca.paths.database, { create: false, synchronous });
  }
  for (const path of csrs) {
    const request = buildIssueRequest({ csrData: readFileSync(path), csrSource: path, sanTexts: [] });
    const issued = issueCertificate({
      store, signer, publicKey: request.publicKey, subjectPublicKeyInfo: request.subjectPublicKeyInfo, subject: request.subject,
      sans: request.sans, allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench',
    });
    appendFileSync(out, issued.pem);
  }
  store.close();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export default async function benchCaIssue(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'iamra-bench-issue-'));
  try {
    const csrDir = join(root, 'csrs');
    await import('node:fs').then((fs) => fs.mkdirSync(csrDir));
    const csrs = writeCsrs(csrDir);
    const iamraTimes: number[] = [];
    const iamraNormalTimes: number[] = [];
    const opensslTimes: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const caDir = join(root, `ca-${round}`);
      initCa({ dir: caDir, subject: [{ type: 'CN', value: 'Bench CA' }], keyType: 'ec-p256', validitySeconds: 86_400 * 365, isIntermediate: false, passphrase: 'bench-passphrase', allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench' });
      iamraTimes.push(await runIamra(caDir, csrs, join(root, `iamra-${round}.pem`), 'FULL'));
      const normalDir = join(root, `ca-normal-${round}`);
      initCa({ dir: normalDir, subject: [{ type: 'CN', value: 'Bench CA' }], keyType: 'ec-p256', validitySeconds: 86_400 * 365, isIntermediate: false, passphrase: 'bench-passphrase', allowUntaggable: false, now: new Date(), randomBytes, actor: 'bench' });
      iamraNormalTimes.push(await runIamra(normalDir, csrs, join(root, `iamra-normal-${round}.pem`), 'NORMAL'));
      // Same CA key and certificate for OpenSSL; its key is given decrypted, which only helps it.
      const plainKey = join(root, `ca-${round}.key`);
      const caKey = await readCaKey(join(caDir, 'ca.key'), async () => 'bench-passphrase');
      if (caKey.kind !== 'classic') throw new Error('the bench CA key is EC');
      writeFileSync(plainKey, caKey.key.export({ format: 'pem', type: 'pkcs8' }));
      const openssl = writeOpensslCa(join(root, `openssl-${round}`), join(caDir, 'ca.crt'), plainKey);
      opensslTimes.push(timeOpenssl(['ca', '-batch', '-config', openssl.config, '-notext', '-out', join(openssl.dir, 'out.pem'), '-infiles', ...csrs], openssl.dir));
    }
    const iamraMs = median(iamraTimes);
    const iamraNormalMs = median(iamraNormalTimes);
    const opensslMs = median(opensslTimes);
    const rate = (ms: number): string => (N / (ms / 1000)).toFixed(0);
    return `## CA issuance: ${N} certificates from CSRs (EC P-256 CA)

iamra: one process opens the CA, decrypts its key once, then per CSR reads the file, checks the
CSR signature, builds and signs the certificate, stores it with its audit entry in its own SQLite
transaction (WAL, synchronous=FULL: each issued certificate is fsynced before it is handed out, so
a power loss cannot make the CA forget it), and appends the PEM to an output file. Baseline: \`openssl ca -batch -infiles\`
with the same N CSRs, CA key and extension profile (its process start is included; N makes it
negligible). Median of ${ROUNDS} rounds.

| | time (ms) | certificates/s | ratio (time vs openssl) |
|---|---:|---:|---:|
| openssl ca -batch -infiles | ${opensslMs.toFixed(0)} | ${rate(opensslMs)} | 1.00x |
| iamra (issueCertificate), default durability | ${iamraMs.toFixed(0)} | ${rate(iamraMs)} | ${(iamraMs / opensslMs).toFixed(2)}x |
| iamra with synchronous=NORMAL (comparison) | ${iamraNormalMs.toFixed(0)} | ${rate(iamraNormalMs)} | ${(iamraNormalMs / opensslMs).toFixed(2)}x |

iamra issues at ${(opensslMs / iamraMs).toFixed(2)}x OpenSSL's rate by default (target: 1.0x or better).
\`openssl ca\` never fsyncs its index.txt, so a power loss can lose its records; the NORMAL row is
iamra at that durability (it still survives a crash of the process), measured in the same rounds.`;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
