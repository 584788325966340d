// Use-case `ca import-cert`: installs the certificate an external root issued for our intermediate.
import { X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { writeNewFile } from '../io/write-new-file.js';
import { assertPendingIntermediate } from './import-ca-checks.js';
import { CA_FILE_MAX_BYTES, SETTING_STATE, type OpenCa } from './open-ca.js';
import { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
import { hasKeyUsage, KEY_USAGE } from '../x509/key-usage.js';
import { loadMlDsaEngine, type MlDsaEngine } from '../x509/ml-dsa-engine.js';
import { mentionsMlDsaIn } from '../x509/ml-dsa.js';
import { readSignedParts } from '../x509/signed-parts.js';
import { verifyX509Signature } from '../x509/verify-x509-signature.js';
import { wholeBytesHex } from './x509/serial-number.js';
import { asInputError } from '../x509/der-reader.js';
import { parseCsr } from './x509/csr.js';
import { decodePemBlocks } from '../x509/pem.js';
import { encodePem, pemOrDer } from './x509/pem.js';

export interface ImportCaCertificateInput {
  ca: OpenCa;
  certificateData: Buffer;
  source: string;
  /** Issuer certificates above ours (PEM), up to the root; checked and stored as ca-chain.crt. */
  chainData?: Buffer;
  chainSource?: string;
  now: Date;
  actor: string;
}

function invalid(source: string, why: string): InputError {
  return new InputError('CA_CERT_INVALID', `cannot import CA certificate ${source}: ${why}. Give the certificate the root issued for ca.csr.`);
}

function checkCertificate(fields: CertificateFields, expectedSpki: Buffer, source: string, now: Date): void {
  if (!fields.subjectPublicKeyInfo.equals(expectedSpki)) throw invalid(source, 'its public key is not this CA\'s key');
  if (!fields.basicConstraints?.isCa) throw invalid(source, 'basicConstraints does not say CA:true');
  if (!hasKeyUsage(fields.keyUsage, KEY_USAGE.keyCertSign)) throw invalid(source, 'keyUsage lacks keyCertSign');
  if (fields.notAfter <= now) throw invalid(source, `it expired at ${fields.notAfter.toISOString()}`);
}

/** Name chaining and the signature, for RSA, EC and ML-DSA issuers (issue 14). */
function isSignedBy(child: X509Certificate, issuer: X509Certificate, mlDsa: MlDsaEngine | undefined): boolean {
  const childFields = parseCertificateFields(child.raw);
  const issuerFields = parseCertificateFields(issuer.raw);
  if (!childFields.issuerDer.equals(issuerFields.subjectDer)) return false;
  return verifyX509Signature(readSignedParts(child.raw), { subjectPublicKeyInfo: issuerFields.subjectPublicKeyInfo }, mlDsa);
}

function checkChain(certificateDer: Buffer, chainPem: string, source: string, mlDsa: MlDsaEngine | undefined): string {
  const chain = decodePemBlocks(chainPem).filter((b) => b.label === 'CERTIFICATE');
  if (chain.length === 0) throw new InputError('CA_CHAIN_INVALID', `cannot import CA chain ${source}: no PEM certificates found. Give the issuer's certificate(s) as PEM.`);
  let child = new X509Certificate(certificateDer);
  for (const block of chain) {
    let issuer: X509Certificate;
    try {
      // A body that is not strict base64 is refused like one that does not parse.
      issuer = new X509Certificate(block.isStrict ? block.der : Buffer.alloc(0));
    } catch (error) {
      throw new InputError('CA_CHAIN_INVALID', `cannot import CA chain ${source}: a certificate cannot be parsed. Check the file.`, { cause: error });
    }
    if (!isSignedBy(child, issuer, mlDsa)) {
      throw new InputError('CA_CHAIN_INVALID', `cannot import CA chain ${source}: ${child.subject.replace(/\n/g, ', ')} is not signed by the next certificate. Order the chain from the issuer up to the root.`);
    }
    child = issuer;
  }
  return chain.map((b) => encodePem('CERTIFICATE', b.der)).join('');
}

export async function importCaCertificate(input: ImportCaCertificateInput): Promise<{ subject: string; notAfter: Date }> {
  const { ca, source } = input;
  assertPendingIntermediate(ca);
  const csrData = readInputFile(ca.paths.csr, { what: 'CA CSR', maxBytes: CA_FILE_MAX_BYTES, todo: 'Check the CA directory' });
  // ML-DSA signatures (the CSR's, the chain's) need the engine (issue 14).
  const mlDsa = [csrData, input.certificateData, input.chainData].some((data) => data && mentionsMlDsaIn(data)) ? await loadMlDsaEngine() : undefined;
  const csr = parseCsr(pemOrDer(csrData, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], 'CSR', ca.paths.csr), ca.paths.csr, mlDsa);
  const der = pemOrDer(input.certificateData, ['CERTIFICATE'], 'CA certificate', source);
  let fields: CertificateFields;
  try {
    fields = parseCertificateFields(der);
    new X509Certificate(der);
  } catch (error) {
    throw asInputError(error, 'CA_CERT_INVALID', (why) => `cannot import CA certificate ${source}: not a valid X.509 certificate (${why}). Give a PEM or DER certificate.`);
  }
  checkCertificate(fields, csr.subjectPublicKeyInfo, source, input.now);
  const chainPem = input.chainData ? checkChain(der, input.chainData.toString('latin1'), input.chainSource ?? 'chain', mlDsa) : undefined;
  if (chainPem) writeNewFile(ca.paths.chain, chainPem, 0o644);
  writeNewFile(ca.paths.certificate, encodePem('CERTIFICATE', der), 0o644);
  const subject = new X509Certificate(der).subject.replace(/\n/g, ', ');
  await ca.store.putSettings({ [SETTING_STATE]: 'active' }, { at: input.now, actor: input.actor, action: 'ca.import-cert', serialHex: wholeBytesHex(fields.serialHex), detail: { subject, notAfter: fields.notAfter.toISOString(), chain: chainPem !== undefined } });
  return { subject, notAfter: fields.notAfter };
}
