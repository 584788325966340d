// `iamra read-certificate-data` (official-helper.md §1.2): the certificate's key type, base64 DER,
// decimal serial and supported algorithms as one JSON line.
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';
import { isPkcs11Uri } from '../../keys/pkcs11/pkcs11-uri.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { READ_CERTIFICATE_DATA_FLAGS } from '../args/flags.js';
import { resolvePkcs8Password } from '../pkcs8-password.js';
import type { HelperContext } from '../context.js';
import { certificateKeyType } from '../../x509/certificate-spki.js';
import { openIdentity } from '../identity.js';

const SUMMARY = 'Diagnostic command to read certificate data';

export async function runReadCertificateData(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('read-certificate-data', READ_CERTIFICATE_DATA_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('read-certificate-data', SUMMARY, READ_CERTIFICATE_DATA_FLAGS));
  refuseUnsupported('read-certificate-data', READ_CERTIFICATE_DATA_FLAGS, parsed);
  const { flags } = parsed;
  const path = flags.certificate;
  if (!path) throw new UsageError('MISSING_FLAG', 'missing flag: --certificate is required. Pass --certificate PATH.');
  if (isPkcs11Uri(path)) return listTokenCertificates(path, flags['pkcs11-lib'], ctx);
  const { certificate } = await openIdentity({ certificate: path, pkcs8Password: resolvePkcs8Password({ password: flags['pkcs8-password'], passwordFile: flags['pkcs8-password-file'], env: ctx.env }) }, { prompt: ctx.prompt, stderr: ctx.stderr });
  const keyType = certificateKeyType(certificate);
  // ML-DSA signs the message itself: there is no digest to name.
  const supportedAlgorithms = keyType.startsWith('ML-DSA') ? [keyType] : [`${keyType}SHA256`, `${keyType}SHA384`, `${keyType}SHA512`];
  ctx.stdout(
    JSON.stringify({
      keyType,
      certificateData: certificate.raw.toString('base64'),
      serialNumber: BigInt(`0x${certificate.serialNumber}`).toString(10),
      supportedAlgorithms,
    }),
  );
}

/** For a pkcs11: URI, like the official helper for stores: every matching certificate with its URI. */
async function listTokenCertificates(uri: string, modulePath: string | undefined, ctx: HelperContext): Promise<void> {
  // Loaded only for a pkcs11: URI: it reaches the pkcs11js native addon.
  const { listTokenCertificates: list } = await import('../../keys/pkcs11/pkcs11-certificates.js');
  const found = await list({ uri, modulePath });
  const lines = ['Matching identities'];
  found.forEach(({ certificate, uri: objectUri }, index) => {
    const fingerprint = createHash('sha1').update(certificate.raw).digest('hex');
    lines.push(`${index + 1}) ${fingerprint} "${certificate.subject.replace(/\n/g, ', ')}"`);
    lines.push(`\tIssuer: "${certificate.issuer.replace(/\n/g, ', ')}"`);
    lines.push(`\tSerial: "${certificate.serialNumber.toUpperCase()}"`);
    lines.push(`\tURI: ${objectUri}`);
  });
  ctx.stdout(lines.join('\n'));
}
