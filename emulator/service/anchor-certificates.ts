// The CA certificates of a CERTIFICATE_BUNDLE trust anchor (roles-anywhere.md §2): PEM, at most
// two, each CA:true with a keyUsage that has keyCertSign, a SHA-256 or stronger signature and an
// accepted key.
import { keyRefusalReason, type KeyAcceptanceOptions } from '../../keys/key-acceptance.js';
import { isStrongSignatureAlgorithm } from '../../x509/algorithms.js';
import { decodePemBlocks } from '../../x509/pem.js';
import { KEY_USAGE } from '../../x509/key-usage.js';
import { validationError } from '../errors.js';
import { certificateKeyDescription, parseCertificate, type ParsedCertificate } from '../../x509/parsed-certificate.js';
import { MAX_CERTIFICATES_PER_ANCHOR } from '../../roles-anywhere/service-limits.js';


/** Parses and checks a bundle; throws a ValidationException the service would give. */
export function parseAnchorCertificates(pem: string, keyAcceptance: KeyAcceptanceOptions = {}): ParsedCertificate[] {
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
    checkCaCertificate(certificate, keyAcceptance);
    // A trust anchor must say it signs certificates; an intermediate in a chain may leave keyUsage out.
    if (certificate.fields.keyUsage === undefined) throw validationError('Invalid CA certificate', 'keyUsage is absent: a trust anchor needs keyCertSign');
    return certificate;
  });
}

/** The trust-anchor and intermediate rules; returns the reason a certificate fails, if any. */
export function caCertificateProblem(certificate: ParsedCertificate, keyAcceptance: KeyAcceptanceOptions = {}): string | undefined {
  const { fields } = certificate;
  if (!fields.basicConstraints?.isCa) return 'basicConstraints CA is not true';
  if (fields.keyUsage !== undefined && (fields.keyUsage & KEY_USAGE.keyCertSign) === 0) return 'keyUsage lacks keyCertSign';
  if (!isStrongSignatureAlgorithm(fields.signatureAlgorithmOid)) {
    return `signature algorithm ${fields.signatureAlgorithmOid} is weaker than SHA-256`;
  }
  return keyRefusalReason(certificateKeyDescription(certificate), 'emulator', keyAcceptance);
}

function checkCaCertificate(certificate: ParsedCertificate, keyAcceptance: KeyAcceptanceOptions): void {
  const problem = caCertificateProblem(certificate, keyAcceptance);
  if (problem === undefined) return;
  if (problem.startsWith('basicConstraints')) throw validationError('Incorrect basic constraints', problem);
  throw validationError('Invalid CA certificate', problem);
}
