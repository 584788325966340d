// `iamra read-certificate-data` (official-helper.md §1.2): the certificate's key type, base64 DER,
// decimal serial and supported algorithms as one JSON line.
import { UsageError } from '../../errors.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { READ_CERTIFICATE_DATA_FLAGS } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import { certificateKeyType } from '../../x509/certificate-spki.js';
import { openIdentity } from '../identity.js';

const SUMMARY = 'Diagnostic command to read certificate data';

export async function runReadCertificateData(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('read-certificate-data', READ_CERTIFICATE_DATA_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('read-certificate-data', SUMMARY, READ_CERTIFICATE_DATA_FLAGS));
  refuseUnsupported('read-certificate-data', READ_CERTIFICATE_DATA_FLAGS, parsed);
  const path = parsed.values.get('certificate') as string | undefined;
  if (!path) throw new UsageError('MISSING_FLAG', 'missing flag: --certificate is required. Pass --certificate PATH.');
  const { certificate } = await openIdentity({ certificate: path, pkcs8Password: parsed.values.get('pkcs8-password') as string | undefined }, { prompt: ctx.prompt });
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
