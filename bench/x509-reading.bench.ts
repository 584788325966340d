// Benchmark: the shared x509/ readers on what the emulator reads per CreateSession and per ImportCrl:
// a leaf certificate (vs Node's OpenSSL-backed X509Certificate) and a 10,000-entry CRL at the
// 300,000-byte quota (vs verifying that CRL's signature, the check that follows the parse).
// @peculiar/x509 is no baseline for CRLs: it refuses more than about 1,100 entries by default.
import { createPublicKey, verify, X509Certificate } from 'node:crypto';
import { createTestRoot, issueTestCertificate } from '../test/support/pki.js';
import { buildTestCrl } from '../test/support/test-crl.js';
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { parseCrl } from '../x509/crl.js';

const ROUNDS = 5;

/** Median milliseconds per call over ROUNDS batches of `calls` calls. */
function timePerCall(calls: number, run: () => unknown): number {
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6 / calls);
  }
  return samples.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

export default async function bench(): Promise<string> {
  const root = await createTestRoot({ keyType: 'ec-p256', subject: 'CN=bench root,O=iamra' });
  const leaf = await issueTestCertificate(root, {
    subject: 'CN=workload,OU=team,O=iamra,C=US',
    sans: [{ type: 'dns', value: 'w.example.com' }, { type: 'url', value: 'spiffe://example.com/w' }],
  });
  const leafDer = Buffer.from(leaf.certificate.rawData);
  const serials = Array.from({ length: 10_000 }, (_, i) => (0x1000000000000000n + BigInt(i) * 7919n).toString(16));
  const crl = buildTestCrl({ issuer: root, revokedSerials: serials });

  for (let i = 0; i < 200; i++) parseCertificateFields(leafDer);
  const fieldsMs = timePerCall(2_000, () => parseCertificateFields(leafDer));
  const nodeMs = timePerCall(2_000, () => new X509Certificate(leafDer));
  const parsed = parseCrl(crl.der);
  const rootKey = createPublicKey(root.certPem);
  if (!verify('sha256', parsed.tbsDer, rootKey, parsed.signature)) throw new Error('bench CRL does not verify');
  const crlMs = timePerCall(20, () => parseCrl(crl.der));
  const verifyMs = timePerCall(20, () => verify('sha256', parsed.tbsDer, rootKey, parsed.signature));

  return `## x509-reading

The shared readers in \`x509/\` (DER, certificate fields, CRL), median of ${ROUNDS} batches.

| what | baseline | x509/ time / baseline time |
| --- | --- | --- |
| \`parseCertificateFields\`, EC P-256 leaf with SANs (${leafDer.length} bytes) | Node \`new X509Certificate\` | ${(fieldsMs / nodeMs).toFixed(2)} |
| \`parseCrl\`, ${serials.length.toLocaleString('en-US')} entries (${crl.der.length.toLocaleString('en-US')} bytes) | Node \`crypto.verify\` of the same CRL's signature (${root.keyType}) | ${(crlMs / verifyMs).toFixed(2)} |
`;
}
