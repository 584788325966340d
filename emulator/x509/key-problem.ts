// Key sizes and curves the emulator accepts (roles-anywhere.md §2: undocumented by AWS; RSA of
// 2048 bits or more and EC P-256/P-384/P-521, with RSA-1024 as an option).
import type { ParsedCertificate } from './parsed-certificate.js';

export const DEFAULT_MIN_RSA_BITS = 2048;
const CURVES: ReadonlySet<string> = new Set(['prime256v1', 'secp384r1', 'secp521r1']);

/** Why a certificate's public key is refused, or undefined when it is acceptable. */
export function keyProblem(certificate: Pick<ParsedCertificate, 'publicKey' | 'mlDsa'>, minRsaBits: number): string | undefined {
  // ML-DSA-44/65/87 (issue 14): the SPKI reader has already checked the key fits its parameter set.
  if (certificate.mlDsa) return undefined;
  const publicKey = certificate.publicKey;
  if (!publicKey) return 'the key is not RSA, EC or ML-DSA';
  const details = publicKey.asymmetricKeyDetails ?? {};
  if (publicKey.asymmetricKeyType === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return bits < minRsaBits ? `RSA key of ${bits} bits, below ${minRsaBits}` : undefined;
  }
  if (publicKey.asymmetricKeyType === 'ec') {
    return CURVES.has(details.namedCurve ?? '') ? undefined : `EC curve ${details.namedCurve ?? 'unknown'} is not P-256, P-384 or P-521`;
  }
  return `${publicKey.asymmetricKeyType ?? 'unknown'} keys are not supported`;
}
