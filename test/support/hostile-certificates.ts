// Test-only generator of hostile certificates (issue 9): one valid, properly signed certificate
// per case, then exactly one defect. The off-curve cases are signed by a real issuer, so only the
// point itself is wrong (a parser that checks the signature first still sees a "good" certificate).
import 'reflect-metadata';
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { createPrivateKey, sign } from 'node:crypto';
import { children, readRoot } from '../../x509/der-reader.js';
import { encodePem } from '../../x509/pem.js';
import { issueTestCertificate, type TestIdentity, type TestKeyType } from './pki.js';

export interface HostileCertificate {
  name: string;
  /** The file's bytes (PEM unless the case is about DER framing). */
  data: Buffer;
}

const exactBuffer = (bytes: Buffer): ArrayBuffer => new Uint8Array(bytes).buffer;

/** A copy of `der` whose subject EC point is moved off its curve, re-signed by `issuer`. */
export function offCurveCertificate(der: Buffer, issuer: TestIdentity): Buffer {
  const certificate = AsnConvert.parse(der, Certificate);
  const spki = certificate.tbsCertificate.subjectPublicKeyInfo;
  const point = new Uint8Array(spki.subjectPublicKey);
  // Uncompressed point 04 || X || Y: flip the lowest bit of Y, which leaves (X, Y) off the curve.
  point[point.length - 1]! ^= 0x01;
  spki.subjectPublicKey = point.buffer;
  const tbs = Buffer.from(AsnConvert.serialize(certificate.tbsCertificate));
  const issuerKey = createPrivateKey(issuer.keyPem);
  certificate.signatureValue = exactBuffer(sign('sha256', tbs, issuerKey));
  return Buffer.from(AsnConvert.serialize(certificate));
}

/** The outer SEQUENCE's length field: offset of the first length byte and how many follow it. */
function outerLength(der: Buffer): { lengthBytes: number } {
  const first = der[1]!;
  if (first < 0x80) throw new Error('test certificate too short for a long-form length');
  return { lengthBytes: first & 0x7f };
}

/** The outer length set to the largest its length bytes can say: far past the end of the data. */
function withOverflowingLength(der: Buffer): Buffer {
  const copy = Buffer.from(der);
  const { lengthBytes } = outerLength(der);
  copy.writeUIntBE(256 ** lengthBytes - 1, 2, lengthBytes);
  return copy;
}

/** The signature BIT STRING is the signed object's last node: set its unused-bits octet to 3. */
function withUnusedBits(der: Buffer): Buffer {
  const signature = children(readRoot(der))[2]!;
  const copy = Buffer.from(der);
  copy[signature.contentStart] = 0x03;
  return copy;
}

/** The subject key's algorithm OID replaced by an unknown one (1.3.6.1.4.1.55555.1), re-signed by `issuer`. */
export function unknownAlgorithmCertificate(der: Buffer, issuer: TestIdentity): Buffer {
  const certificate = AsnConvert.parse(der, Certificate);
  certificate.tbsCertificate.subjectPublicKeyInfo.algorithm.algorithm = '1.3.6.1.4.1.55555.1';
  const tbs = Buffer.from(AsnConvert.serialize(certificate.tbsCertificate));
  certificate.signatureValue = exactBuffer(sign('sha256', tbs, createPrivateKey(issuer.keyPem)));
  return Buffer.from(AsnConvert.serialize(certificate));
}

/** A copy of a DER object holding `spkiDer` with the last byte of that key (Y of an EC point) flipped; signature left as it was. */
export function flipKeyByte(der: Buffer, spkiDer: Buffer): Buffer {
  const at = der.indexOf(spkiDer);
  if (at < 0) throw new Error('the key is not inside the object');
  const copy = Buffer.from(der);
  copy[at + spkiDer.length - 1]! ^= 0x01;
  return copy;
}

/** A valid DER object (certificate or, with label, CSR) and the framing-defect variants of it. */
export function hostileVariants(der: Buffer, label = 'CERTIFICATE'): HostileCertificate[] {
  const pem = (bytes: Buffer): Buffer => Buffer.from(encodePem(label, bytes));
  return [
    { name: 'truncated DER', data: der.subarray(0, Math.floor(der.length / 2)) },
    { name: 'truncated PEM', data: pem(der.subarray(0, der.length - 7)) },
    { name: 'extra trailing byte', data: pem(Buffer.concat([der, Buffer.from([0x00])])) },
    { name: 'length overflow', data: pem(withOverflowingLength(der)) },
    { name: 'wrong outer tag', data: pem(Buffer.concat([Buffer.from([0x31]), der.subarray(1)])) },
    { name: 'BIT STRING with unused bits', data: pem(withUnusedBits(der)) },
    { name: 'PEM with garbage base64', data: Buffer.from(`-----BEGIN ${label}-----\n!!!!not*base64~~~~\n%%%%\n-----END ${label}-----\n`) },
  ];
}

const pem = (der: Buffer): Buffer => Buffer.from(encodePem('CERTIFICATE', der));

/** Off-curve P-256 and P-384 certificates issued by `issuer` (end-entity or CA). */
export async function offCurveCertificates(issuer: TestIdentity, options: { isCa?: boolean } = {}): Promise<HostileCertificate[]> {
  const cases: Array<{ name: string; keyType: TestKeyType }> = [
    { name: 'off-curve P-256 point', keyType: 'ec-p256' },
    { name: 'off-curve P-384 point', keyType: 'ec-p384' },
  ];
  const out: HostileCertificate[] = [];
  for (const c of cases) {
    const good = await issueTestCertificate(issuer, { subject: `CN=${c.name}`, keyType: c.keyType, isCa: options.isCa });
    out.push({ name: c.name, data: pem(offCurveCertificate(Buffer.from(good.certificate.rawData), issuer)) });
  }
  return out;
}

/** Every hostile case: the off-curve ones plus the framing defects of a valid certificate from `issuer`. */
export async function hostileCertificates(issuer: TestIdentity, options: { isCa?: boolean } = {}): Promise<HostileCertificate[]> {
  const good = await issueTestCertificate(issuer, { subject: 'CN=hostile base', isCa: options.isCa });
  const der = Buffer.from(good.certificate.rawData);
  return [
    ...(await offCurveCertificates(issuer, options)),
    { name: 'unknown key algorithm', data: pem(unknownAlgorithmCertificate(der, issuer)) },
    ...hostileVariants(der),
  ];
}
