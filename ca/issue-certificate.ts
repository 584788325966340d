// Use-case `issue`: one Roles Anywhere end-entity certificate, stored before it is returned.
import type { KeyObject } from 'node:crypto';
import type { MlDsaParameterSet } from '../x509/ml-dsa.js';
import { InputError, InternalError, RefusedError } from '../errors.js';
import type { CaSigner } from './ca-signer.js';
import { keyTypeOf } from './key-type.js';
import { applyTemplate } from './policy/apply-template.js';
import { assertTaggable } from './policy/taggable.js';
import { parseTemplate, type Template } from './policy/template.js';
import type { AuditEntry, CertificateRecord, CertStore } from './store/cert-store.js';
import { encodeTbsCertificate, wrapSigned } from './x509/certificate.js';
import { endEntityExtensions } from './x509/certificate-profile.js';
import { encodeName, formatDistinguishedName, type NameAttribute } from './x509/distinguished-name.js';
import { keyIdentifier } from './x509/extensions.js';
import { encodePem } from './x509/pem.js';
import { serialFromRandom, SERIAL_BYTES } from './x509/serial-number.js';
import { formatSubjectAltName, type SubjectAltName } from './x509/subject-alt-name.js';
import { truncateToSecond } from './x509/time.js';

/** Validity when neither the request nor the template names one. */
export const DEFAULT_VALIDITY_SECONDS = 30 * 86_400;
/** notBefore is this far before the issue time, so a verifier whose clock lags a little accepts a fresh certificate. */
export const BACKDATE_SECONDS = 60;
const SERIAL_ATTEMPTS = 5;

export interface IssueCertificateInput {
  store: CertStore;
  signer: CaSigner;
  /** The key; for ML-DSA (issue 14), its parameter set. */
  publicKey: KeyObject | MlDsaParameterSet;
  /** DER SubjectPublicKeyInfo of `publicKey`. */
  subjectPublicKeyInfo: Buffer;
  subject: NameAttribute[];
  sans: SubjectAltName[];
  validitySeconds?: number;
  templateName?: string;
  allowUntaggable: boolean;
  now: Date;
  randomBytes: (size: number) => Buffer;
  actor: string;
  /** `iamra renew`: the serial this certificate renews; the audit action is then `certificate.renew`. */
  renewedFrom?: string;
  /** Stores the record with its audit entry in one transaction; @default `store.insertCertificate` (renew passes its own). */
  insert?: (record: CertificateRecord, audit: AuditEntry) => Promise<'inserted' | 'serial-taken'>;
}

export interface IssuedCertificate {
  serialHex: string;
  der: Buffer;
  pem: string;
  subject: string;
  sans: SubjectAltName[];
  notBefore: Date;
  notAfter: Date;
  keyType: string;
  /** True when notAfter was cut back to the CA's notAfter. */
  isClampedToCa: boolean;
  /** The record as stored. */
  record: CertificateRecord;
}

async function loadTemplate(store: CertStore, name: string): Promise<Template> {
  const body = await store.getTemplate(name);
  if (body === undefined) throw new InputError('TEMPLATE_NOT_FOUND', `no template ${JSON.stringify(name)} in this CA. List them with "iamra ca template list".`);
  return parseTemplate(name, body);
}

interface Resolved {
  subject: NameAttribute[];
  sans: SubjectAltName[];
  keyType: string;
  validitySeconds: number;
}

async function resolveRequest(input: IssueCertificateInput): Promise<Resolved> {
  const keyType = keyTypeOf(input.publicKey);
  const template = input.templateName === undefined ? undefined : await loadTemplate(input.store, input.templateName);
  const request = { subject: input.subject, sans: input.sans, keyType, validitySeconds: input.validitySeconds };
  const applied = template ? applyTemplate(template, request) : request;
  if (applied.subject.length === 0) throw new RefusedError('SUBJECT_EMPTY', 'refused: the subject is empty, and Roles Anywhere needs one. Pass --subject "CN=...".');
  if (!input.allowUntaggable) assertTaggable({ subject: applied.subject, sans: applied.sans });
  const cap = template?.maxValiditySeconds ?? Number.POSITIVE_INFINITY;
  return { ...applied, keyType, validitySeconds: applied.validitySeconds ?? Math.min(DEFAULT_VALIDITY_SECONDS, cap) };
}

export async function issueCertificate(input: IssueCertificateInput): Promise<IssuedCertificate> {
  const { signer } = input;
  const resolved = await resolveRequest(input);
  const now = truncateToSecond(input.now);
  if (now >= signer.notAfter) throw new RefusedError('CA_EXPIRED', `refused: the CA certificate expired at ${signer.notAfter.toISOString()}. Renew the CA.`);
  // Never before the CA's own notBefore, never after its notAfter; the validity runs from now.
  const backdated = new Date(now.getTime() - BACKDATE_SECONDS * 1000);
  const notBefore = backdated < signer.notBefore ? signer.notBefore : backdated;
  const wanted = new Date(Math.max(now.getTime(), signer.notBefore.getTime()) + resolved.validitySeconds * 1000);
  const notAfter = wanted > signer.notAfter ? signer.notAfter : wanted;
  const subjectDer = encodeName(resolved.subject);
  const extensions = endEntityExtensions({ subjectKeyId: keyIdentifier(input.subjectPublicKeyInfo), authorityKeyId: signer.keyId, sans: resolved.sans });
  const subject = formatDistinguishedName(resolved.subject);
  for (let attempt = 0; attempt < SERIAL_ATTEMPTS; attempt++) {
    const serial = serialFromRandom(input.randomBytes(SERIAL_BYTES));
    const tbs = encodeTbsCertificate({
      serialDer: serial.der, signatureAlgorithm: signer.algorithm.identifier, issuerDer: signer.issuerDer,
      notBefore, notAfter, subjectDer, subjectPublicKeyInfo: input.subjectPublicKeyInfo, extensions,
    });
    const der = wrapSigned(tbs, signer.algorithm.identifier, await signer.sign(tbs));
    const record: CertificateRecord = {
      serialHex: serial.hex, subject, notBefore, notAfter, issuedAt: input.now, keyType: resolved.keyType, template: input.templateName, der,
      ...(input.renewedFrom === undefined ? {} : { renewedFrom: input.renewedFrom }),
    };
    const detail = {
      subject, sans: resolved.sans.map(formatSubjectAltName), notAfter: notAfter.toISOString(), keyType: resolved.keyType, template: input.templateName ?? null,
      ...(input.renewedFrom === undefined ? {} : { renewedFrom: input.renewedFrom, serial: serial.hex }),
    };
    const action = input.renewedFrom === undefined ? 'certificate.issue' : 'certificate.renew';
    const audit = { at: input.now, actor: input.actor, action, serialHex: serial.hex, detail };
    const stored = await (input.insert ? input.insert(record, audit) : input.store.insertCertificate(record, audit));
    if (stored === 'inserted') {
      return { serialHex: serial.hex, der, pem: encodePem('CERTIFICATE', der), subject, sans: resolved.sans, notBefore, notAfter, keyType: resolved.keyType, isClampedToCa: wanted > signer.notAfter, record };
    }
  }
  throw new InternalError('SERIAL_COLLISIONS', `could not find a free serial number in ${SERIAL_ATTEMPTS} attempts; the random source is broken`);
}
