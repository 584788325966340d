// Test support: an external root signing an intermediate's `ca.csr` (what `openssl x509 -req
// -CA` does in ca-intermediate.test.ts, for the ML-DSA roots and CSRs OpenSSL 3.0 cannot read).
// Built from iamra's own encoders; the results are checked by Python's cryptography in the tests.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caSigner } from '../../ca/ca-signer.js';
import { openCaKey } from '../../ca/open-ca-key.js';
import { readCaCertificate } from '../../ca/open-ca.js';
import { encodeTbsCertificate, wrapSigned } from '../../ca/x509/certificate.js';
import { caExtensions } from '../../ca/x509/certificate-profile.js';
import { parseCsr } from '../../ca/x509/csr.js';
import { keyIdentifier } from '../../ca/x509/extensions.js';
import { encodePem, pemOrDer } from '../../ca/x509/pem.js';
import { serialFromRandom, SERIAL_BYTES } from '../../ca/x509/serial-number.js';
import { loadMlDsaEngine } from '../../x509/ml-dsa-engine.js';
import { PASSPHRASE } from './ca-fixture.js';

/** Signs `<intermediateDir>/ca.csr` with the root in `rootDir`; writes and returns the PEM path. */
export async function signIntermediate(rootDir: string, intermediateDir: string, outPath: string): Promise<string> {
  const csrPath = join(intermediateDir, 'ca.csr');
  const csr = parseCsr(pemOrDer(readFileSync(csrPath), ['CERTIFICATE REQUEST'], 'CSR', csrPath), csrPath, await loadMlDsaEngine());
  const key = await openCaKey({ scheme: 'file', path: join(rootDir, 'ca.key') }, async () => PASSPHRASE);
  const signer = caSigner(key, readCaCertificate(join(rootDir, 'ca.crt')), 'root ca.key');
  const notBefore = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
  const tbs = encodeTbsCertificate({
    serialDer: serialFromRandom(randomBytes(SERIAL_BYTES)).der,
    signatureAlgorithm: signer.algorithm.identifier,
    issuerDer: signer.issuerDer,
    notBefore,
    notAfter: new Date(notBefore.getTime() + 365 * 86_400_000),
    subjectDer: csr.subjectDer,
    subjectPublicKeyInfo: csr.subjectPublicKeyInfo,
    extensions: caExtensions({ subjectKeyId: keyIdentifier(csr.subjectPublicKeyInfo), authorityKeyId: signer.keyId }),
  });
  try {
    writeFileSync(outPath, encodePem('CERTIFICATE', wrapSigned(tbs, signer.algorithm.identifier, await signer.sign(tbs))));
  } finally {
    await signer.close();
  }
  return outPath;
}
