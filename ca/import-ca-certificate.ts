// Use-case `ca import-cert`: installs the certificate an external root issued for our intermediate.
import { InputError } from '../errors.js';
import { readInputFile } from '../io/read-input-file.js';
import { writeNewFile } from '../io/write-new-file.js';
import { assertPendingIntermediate } from './import-ca-checks.js';
import { CA_FILE_MAX_BYTES, SETTING_STATE, type OpenCa } from './open-ca.js';
import { parseCertificateFields, type CertificateFields } from '../x509/certificate-fields.js';
import { hasKeyUsage, KEY_USAGE } from '../x509/key-usage.js';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { mentionsMlDsaIn } from '../x509/ml-dsa.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';
import { checkCaChain } from './check-ca-chain.js';
import { wholeBytesHex } from './x509/serial-number.js';
import { asInputError } from '../x509/der-reader.js';
import { parseCsr } from './x509/csr.js';
import { encodePem, pemOrDer } from './x509/pem.js';
import { decodePemBlocks } from '../x509/pem.js';

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

export interface ImportedCaCertificate {
  subject: string;
  notAfter: Date;
  /** The certificate as written to ca.crt. */
  der: Buffer;
  /** The issuer certificates written to ca-chain.crt, in order; empty without a chain. */
  chain: Buffer[];
}

export async function importCaCertificate(input: ImportCaCertificateInput): Promise<ImportedCaCertificate> {
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
    readX509Certificate(der);
  } catch (error) {
    throw asInputError(error, 'CA_CERT_INVALID', (why) => `cannot import CA certificate ${source}: not a valid X.509 certificate (${why}). Give a PEM or DER certificate.`);
  }
  checkCertificate(fields, csr.subjectPublicKeyInfo, source, input.now);
  const chainPem = input.chainData ? checkCaChain(der, input.chainData.toString('latin1'), input.chainSource ?? 'chain', mlDsa) : undefined;
  if (chainPem) writeNewFile(ca.paths.chain, chainPem, 0o644);
  writeNewFile(ca.paths.certificate, encodePem('CERTIFICATE', der), 0o644);
  const subject = readX509Certificate(der).subject.replace(/\n/g, ', ');
  await ca.store.putSettings({ [SETTING_STATE]: 'active' }, { at: input.now, actor: input.actor, action: 'ca.import-cert', serialHex: wholeBytesHex(fields.serialHex), detail: { subject, notAfter: fields.notAfter.toISOString(), chain: chainPem !== undefined } });
  const chain = chainPem === undefined ? [] : decodePemBlocks(chainPem).filter((b) => b.label === 'CERTIFICATE').map((b) => b.der);
  return { subject, notAfter: fields.notAfter, der, chain };
}
