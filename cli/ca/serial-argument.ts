// Reads a SERIAL|CERT argument: a hex serial (or, for show, export and renew, a serial prefix), or
// a certificate file whose serial is used.
import { existsSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { parseCertificateFields } from '../../x509/certificate-fields.js';
import { asInputError } from '../../x509/der-reader.js';
import { pemOrDer } from '../../ca/x509/pem.js';
import { normaliseSerialHex, wholeBytesHex } from '../../ca/x509/serial-number.js';
import { readCliInput } from '../shared/common.js';
import type { CertificateReference } from '../../ca/locate-certificate.js';

export interface RevokeTarget {
  serialHex: string;
  /** The certificate's DER when the argument was a file. */
  certificateDer?: Buffer;
}

/** The serial, and the certificate itself when the argument names a file. */
export function revokeTarget(argument: string, allowFile = true): RevokeTarget {
  if (allowFile && existsSync(argument)) {
    const der = pemOrDer(readCliInput(argument, 'certificate'), ['CERTIFICATE'], 'certificate', argument);
    try {
      return { serialHex: wholeBytesHex(parseCertificateFields(der).serialHex), certificateDer: der };
    } catch (error) {
      throw asInputError(error, 'CERT_MALFORMED', (why) => `cannot read certificate ${argument}: not a valid X.509 certificate (${why}). Give a PEM or DER certificate or a serial.`);
    }
  }
  const serial = normaliseSerialHex(argument);
  if (serial === undefined) {
    throw new UsageError('SERIAL_INVALID', `invalid serial ${JSON.stringify(argument)}: not a hex serial${allowFile ? ' or an existing certificate file' : ''}. Copy it from "iamra list".`);
  }
  return { serialHex: serial };
}

/** A SERIAL|PREFIX|CERT argument as locateCertificate takes it (show, export, renew). */
export function certificateReference(argument: string): CertificateReference {
  if (existsSync(argument)) {
    const { serialHex, certificateDer } = revokeTarget(argument);
    // Non-null: revokeTarget returns the DER whenever the argument is an existing file.
    return { serialHex, certificateDer: certificateDer!, source: argument };
  }
  if (!/^(0x)?[0-9a-f:]+$/i.test(argument.trim())) {
    throw new UsageError('SERIAL_INVALID', `invalid serial ${JSON.stringify(argument)}: not a hex serial, serial prefix or an existing certificate file. Copy it from "iamra list".`);
  }
  return { serialText: argument };
}
