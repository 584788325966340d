// Reads a SERIAL|CERT argument: a hex serial, or a certificate file whose serial is used.
import { existsSync } from 'node:fs';
import { UsageError } from '../../errors.js';
import { parseCertificateFields } from '../../ca/x509/certificate-parser.js';
import { asInputError } from '../../ca/x509/der-reader.js';
import { pemOrDer } from '../../ca/x509/pem.js';
import { normaliseSerialHex } from '../../ca/x509/serial-number.js';
import { readInputFile } from './common.js';

export function serialFromArgument(argument: string, allowFile: boolean): string {
  if (allowFile && existsSync(argument)) {
    const der = pemOrDer(readInputFile(argument, 'certificate'), ['CERTIFICATE'], 'certificate', argument);
    try {
      return parseCertificateFields(der).serialHex;
    } catch (error) {
      throw asInputError(error, 'CERT_MALFORMED', (why) => `cannot read certificate ${argument}: not a valid X.509 certificate (${why}). Give a PEM or DER certificate or a serial.`);
    }
  }
  const serial = normaliseSerialHex(argument);
  if (serial === undefined) {
    throw new UsageError('SERIAL_INVALID', `invalid serial ${JSON.stringify(argument)}: not a hex serial${allowFile ? ' or an existing certificate file' : ''}. Copy it from "iamra list".`);
  }
  return serial;
}
