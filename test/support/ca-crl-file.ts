// Writes CRL files signed by a test CA's own key (iamra's CRL encoder, any number of entries),
// for `crl publish --crl FILE` tests.
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caSigner } from '../../ca/ca-signer.js';
import { readCaCertificate } from '../../ca/open-ca.js';
import { wrapSigned } from '../../ca/x509/certificate.js';
import { encodeTbsCrl } from '../../ca/x509/crl.js';
import { encodePem } from '../../ca/x509/pem.js';
import { PASSPHRASE } from './ca-fixture.js';

export interface CrlFileOptions {
  entryCount: number;
  crlNumber: bigint;
  format: 'pem' | 'der';
}

/** Writes `<caDir>/../<name>` and returns its path. */
export function writeCaSignedCrl(caDir: string, name: string, options: CrlFileOptions): string {
  const certificate = readCaCertificate(join(caDir, 'ca.crt'));
  const key = createPrivateKey({ key: readFileSync(join(caDir, 'ca.key')), passphrase: PASSPHRASE });
  const signer = caSigner({ kind: 'classic', key }, certificate, 'ca.key');
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const entries = Array.from({ length: options.entryCount }, () => ({ serialHex: `4${randomBytes(16).toString('hex').slice(1)}`, revokedAt: now, reason: 'keyCompromise' as const }));
  const tbs = encodeTbsCrl({
    signatureAlgorithm: signer.algorithm.identifier, issuerDer: signer.issuerDer, authorityKeyId: signer.keyId,
    thisUpdate: now, nextUpdate: new Date(now.getTime() + 86_400_000), crlNumber: options.crlNumber, entries,
  });
  const der = wrapSigned(tbs, signer.algorithm.identifier, signer.sign(tbs));
  const path = join(caDir, '..', name);
  writeFileSync(path, options.format === 'pem' ? encodePem('X509 CRL', der) : der);
  return path;
}
