// The CA certificates of a CERTIFICATE_BUNDLE trust anchor (roles-anywhere.md §2): PEM, at most
// two, each CA:true with keyCertSign, a SHA-256 or stronger signature and an accepted key.
import { isStrongSignatureAlgorithm } from '../../trust/strong-signature-algorithm.js';
import { decodePemBlocks } from '../../x509/pem.js';
import { KEY_USAGE_KEY_CERT_SIGN } from '../../x509/certificate-fields.js';
import { validationError } from '../errors.js';
import { DEFAULT_MIN_RSA_BITS, keyProblem } from '../x509/key-problem.js';
import { parseCertificate, type ParsedCertificate } from '../x509/parsed-certificate.js';

export const MAX_CERTIFICATES_PER_ANCHOR = 2;

/** Parses and checks a bundle; throws a ValidationException the service would give. */
export function parseAnchorCertificates(pem: string, minRsaBits: number = DEFAULT_MIN_RSA_BITS): ParsedCertificate[] {
  const blocks = decodePemBlocks(pem).filter((b) => b.label === 'CERTIFICATE');
  if (blocks.length === 0) throw validationError('Invalid certificate bundle', 'no PEM CERTIFICATE block in x509CertificateData');
  if (blocks.length > MAX_CERTIFICATES_PER_ANCHOR) {
    throw validationError(
      `A trust anchor can hold at most ${MAX_CERTIFICATES_PER_ANCHOR} certificates`,
      `the bundle has ${blocks.length} certificates`,
    );
  }
  return blocks.map((block, i) => {
    let certificate: ParsedCertificate;
    try {
      certificate = parseCertificate(block.der);
    } catch {
      throw validationError('Invalid certificate bundle', `certificate ${i + 1} of the bundle does not parse`);
    }
    checkCaCertificate(certificate, minRsaBits);
    return certificate;
  });
}

/** The trust-anchor and intermediate rules; returns the reason a certificate fails, if any. */
export function caCertificateProblem(certificate: ParsedCertificate, minRsaBits: number = DEFAULT_MIN_RSA_BITS): string | undefined {
  const { fields } = certificate;
  if (!fields.basicConstraints?.isCa) return 'basicConstraints CA is not true';
  if (fields.keyUsage !== undefined && (fields.keyUsage & KEY_USAGE_KEY_CERT_SIGN) === 0) return 'keyUsage lacks keyCertSign';
  if (!isStrongSignatureAlgorithm(fields.signatureAlgorithmOid)) {
    return `signature algorithm ${fields.signatureAlgorithmOid} is weaker than SHA-256`;
  }
  return keyProblem(certificate, minRsaBits);
}

function checkCaCertificate(certificate: ParsedCertificate, minRsaBits: number): void {
  const problem = caCertificateProblem(certificate, minRsaBits);
  if (problem === undefined) return;
  if (problem.startsWith('basicConstraints')) throw validationError('Incorrect basic constraints', problem);
  throw validationError('Invalid CA certificate', problem);
}
