// Test-only CRL builder (RFC 5280 §5.1): the DER writer, signed with Node's crypto, so tests
// control every field (issuer, dates, revoked serials) and can make CRLs of any size.
import { KeyObject, sign } from 'node:crypto';
import { bitString, nullValue, oid, sequence as seq, unsignedInteger } from '../../x509/der-writer.js';
import { encodeTime as time } from '../../ca/x509/time.js';
import type { TestIdentity } from './pki.js';

export interface TestCrlOptions {
  issuer: TestIdentity;
  /** Lower-case hex serials. */
  revokedSerials: string[];
  thisUpdate?: Date;
  nextUpdate?: Date;
}

export interface TestCrl {
  der: Buffer;
  pem: string;
}

const integer = (hex: string): Buffer => unsignedInteger(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));

export function buildTestCrl(options: TestCrlOptions): TestCrl {
  const key = KeyObject.from(options.issuer.keys.privateKey);
  const algorithm = key.asymmetricKeyType === 'ec' ? seq(oid('1.2.840.10045.4.3.2')) : seq(oid('1.2.840.113549.1.1.11'), nullValue());
  const now = Date.now();
  const entries = options.revokedSerials.map((serial) => seq(integer(serial), time(new Date(now - 60_000))));
  const tbs = seq(
    integer('01'),
    algorithm,
    Buffer.from(options.issuer.certificate.subjectName.toArrayBuffer()),
    time(options.thisUpdate ?? new Date(now - 3_600_000)),
    time(options.nextUpdate ?? new Date(now + 86_400_000)),
    ...(entries.length > 0 ? [seq(...entries)] : []),
  );
  const signature = sign('sha256', tbs, key);
  const der = seq(tbs, algorithm, bitString(signature));
  const pem = `-----BEGIN X509 CRL-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END X509 CRL-----\n`;
  return { der, pem };
}
