// Certificates from files: a PEM bundle (one or more CERTIFICATE blocks, comments allowed) or
// a single DER certificate, parsed once into X509Certificate objects.
import type { X509Certificate } from 'node:crypto';
import { InputError } from '../errors.js';
import { readX509Certificate } from '../x509/read-x509-certificate.js';
import { decodePemBlocks, isPem } from '../x509/pem.js';
import { certificateBlocks } from './pem-labels.js';

export interface LoadCertificatesInput {
  data: Buffer;
  /** Shown in messages (a path). */
  source: string;
  /** What the file is for, e.g. "certificate" or "intermediates". */
  role: string;
}

/** Parses every certificate in the file, in file order; an empty result is an error. */
export function loadCertificates(input: LoadCertificatesInput): X509Certificate[] {
  const { data, source, role } = input;
  if (!isPem(data)) return [parseDer(data, input)];
  const blocks = certificateBlocks(decodePemBlocks(data.toString('latin1')));
  if (blocks.length === 0) {
    throw new InputError('CERT_MALFORMED', `cannot read ${role}: the file holds no PEM CERTIFICATE block (${source}). Give a PEM or DER X.509 certificate.`);
  }
  return blocks.map((block, index) => {
    const where = { ...input, source: blocks.length > 1 ? `${source} #${index + 1}` : source };
    if (!block.isStrict) throw new InputError('CERT_MALFORMED', `cannot read ${role}: the PEM body is not valid base64 (${where.source}). Give a PEM or DER X.509 certificate.`);
    return parseDer(block.der, where);
  });
}

function parseDer(der: Buffer, input: LoadCertificatesInput): X509Certificate {
  try {
    return readX509Certificate(der);
  } catch (error) {
    const why = error instanceof Error ? `${error.message}, in ` : '';
    throw new InputError('CERT_MALFORMED', `cannot read ${input.role}: not a valid X.509 certificate (${why}${input.source}). Give a PEM or DER X.509 certificate.`, { cause: error });
  }
}
