// Use-case `renew`: re-issues a certificate of this CA with the same subject, SANs and template and
// a fresh validity, for a key generated here (of the old key type) or a CSR's key (proof of
// possession checked). The new record names the old one (`renewedFrom`); `isRevokingPrevious`
// revokes the old one as superseded (RFC 5280 §5.3.1) in the same store transaction. The new
// certificate (and key) is delivered only once that transaction has committed.
import { randomBytes as cryptoRandomBytes, type KeyObject } from 'node:crypto';
import { InputError, RefusedError, UsageError } from '../errors.js';
import { signingKeySpki } from '../keys/signing-key.js';
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { mentionsMlDsaIn, type MlDsaParameterSet } from '../x509/ml-dsa.js';
import { EXTENSION_OID } from '../x509/oids.js';
import type { CaSigner } from './ca-signer.js';
import { generateKey, type GeneratedKey } from './generate-key.js';
import { issueCertificate, type IssuedCertificate } from './issue-certificate.js';
import { KEY_TYPES } from './key-type.js';
import { parseTemplate } from './policy/template.js';
import type { AuditEntry, CertificateRecord, CertStore } from './store/cert-store.js';
import { parseCsr } from './x509/csr.js';
import { decodeName, type NameAttribute } from './x509/distinguished-name.js';
import { pemOrDer } from './x509/pem.js';
import { decodeGeneralNames, type SubjectAltName } from './x509/subject-alt-name.js';
import { truncateToSecond } from './x509/time.js';

export interface PrepareRenewalInput {
  /** The certificate to renew (see locate-certificate.ts). */
  previous: CertificateRecord;
  store: CertStore;
  /** The workload's CSR (PEM or DER); without it a key of the old key type is generated. */
  csrData?: Buffer;
  csrSource?: string;
}

export interface PreparedRenewal {
  previous: CertificateRecord;
  subject: NameAttribute[];
  sans: SubjectAltName[];
  publicKey: KeyObject | MlDsaParameterSet;
  subjectPublicKeyInfo: Buffer;
  /** The key generated here (to be delivered by the caller), without a CSR. */
  generatedKey?: GeneratedKey;
}

/** The refusal to renew a revoked certificate, naming its successor when it was superseded. */
async function revokedRefusal(store: CertStore, previous: CertificateRecord): Promise<RefusedError> {
  const successors = previous.revocationReason === 'superseded' ? await store.renewalsOf(previous.serialHex) : [];
  const hint = successors.length > 0 ? `Renew its successor ${successors[successors.length - 1]?.serialHex} instead` : 'Issue a new certificate with "iamra issue"';
  return new RefusedError('CERT_REVOKED', `cannot renew ${previous.serialHex}: it was revoked at ${previous.revokedAt?.toISOString()} (${previous.revocationReason}). ${hint}.`);
}

/** Checks everything that needs no CA key: the old certificate may be renewed, the CSR is sound. */
export async function prepareRenewal(input: PrepareRenewalInput): Promise<PreparedRenewal> {
  const { previous } = input;
  if (previous.revokedAt) throw await revokedRefusal(input.store, previous);
  const fields = parseCertificateFields(previous.der);
  const sanDer = fields.extensions.get(EXTENSION_OID.subjectAltName);
  const names = { subject: decodeName(fields.subjectNode), sans: sanDer ? decodeGeneralNames(sanDer) : [] };
  if (input.csrData !== undefined) {
    const source = input.csrSource ?? 'CSR';
    const mlDsa = mentionsMlDsaIn(input.csrData) ? await loadMlDsaEngine() : undefined;
    const csr = parseCsr(pemOrDer(input.csrData, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST'], 'CSR', source), source, mlDsa);
    return { previous, ...names, publicKey: csr.publicKey, subjectPublicKeyInfo: csr.subjectPublicKeyInfo };
  }
  const keyType = KEY_TYPES.find((k) => k === previous.keyType);
  if (keyType === undefined) {
    throw new UsageError('RENEW_NEEDS_CSR', `cannot renew ${previous.serialHex} with a generated key: iamra does not generate ${previous.keyType} keys. Renew with --csr FILE.`);
  }
  const generatedKey = await generateKey(keyType);
  const key = generatedKey.signingKey;
  return { previous, ...names, publicKey: key.algorithm === 'ML-DSA' ? key.parameterSet : key.publicKey, subjectPublicKeyInfo: signingKeySpki(key), generatedKey };
}

export interface RenewCertificateInput {
  prepared: PreparedRenewal;
  store: CertStore;
  signer: CaSigner;
  /** `--validity`; @default the template's default validity, else the old certificate's. */
  validitySeconds?: number;
  /** Revoke the old certificate (reason superseded) in the renewal's own transaction. */
  isRevokingPrevious: boolean;
  /** Writes the new certificate (and key) out; runs once the renewal (and revocation) is committed. */
  deliver: (issued: IssuedCertificate) => void | Promise<void>;
  now: Date;
  actor: string;
  /** @default node:crypto randomBytes */
  randomBytes?: (size: number) => Buffer;
}

export interface RenewedCertificate {
  issued: IssuedCertificate;
  /** The old certificate's record after the renewal (revoked with `isRevokingPrevious`). */
  previous: CertificateRecord;
}

async function validityOf(input: RenewCertificateInput): Promise<number | undefined> {
  if (input.validitySeconds !== undefined) return input.validitySeconds;
  const { previous } = input.prepared;
  const body = previous.template === undefined ? undefined : await input.store.getTemplate(previous.template);
  const template = body === undefined || previous.template === undefined ? undefined : parseTemplate(previous.template, body);
  if (template?.defaultValiditySeconds !== undefined) return undefined;
  // The lifetime the old certificate was given: from its issue instant (notBefore is backdated).
  const seconds = Math.max(1, Math.round((previous.notAfter.getTime() - truncateToSecond(previous.issuedAt).getTime()) / 1000));
  return Math.min(seconds, template?.maxValiditySeconds ?? Number.POSITIVE_INFINITY);
}

/**
 * `insert` for issueCertificate under `isRevokingPrevious`: the renewal, its link and the old
 * certificate's revocation commit in one store transaction, or nothing does.
 */
function supersedingInsert(input: RenewCertificateInput): (record: CertificateRecord, audit: AuditEntry) => Promise<'inserted' | 'serial-taken'> {
  const { store } = input;
  const { previous } = input.prepared;
  return async (record, audit) => {
    const detail = { reason: 'superseded', subject: previous.subject, supersededBy: record.serialHex };
    const revocation = { at: input.now, actor: input.actor, action: 'certificate.revoke', serialHex: previous.serialHex, detail };
    const result = await store.insertRenewal({ ...record, renewedFrom: previous.serialHex }, audit, { revokedAt: input.now, audit: revocation });
    if (result.outcome === 'inserted' || result.outcome === 'serial-taken') return result.outcome;
    // Revoked or removed by another process since prepareRenewal read it: nothing was stored.
    if (result.outcome === 'already-revoked') throw await revokedRefusal(store, result.record);
    throw new InputError('CERT_NOT_FOUND', `cannot renew ${previous.serialHex}: it is no longer in this CA, and nothing was stored. Check it with "iamra list".`);
  };
}

export async function renewCertificate(input: RenewCertificateInput): Promise<RenewedCertificate> {
  const { prepared, store } = input;
  const issued = await issueCertificate({
    store, signer: input.signer, publicKey: prepared.publicKey, subjectPublicKeyInfo: prepared.subjectPublicKeyInfo,
    subject: prepared.subject, sans: prepared.sans, validitySeconds: await validityOf(input), templateName: prepared.previous.template,
    // The names were accepted when the old certificate was issued; the template is applied again.
    allowUntaggable: true, now: input.now, randomBytes: input.randomBytes ?? cryptoRandomBytes, actor: input.actor, renewedFrom: prepared.previous.serialHex,
    ...(input.isRevokingPrevious ? { insert: supersedingInsert(input) } : {}),
  });
  await input.deliver(issued);
  return { issued, previous: (await store.findCertificate(prepared.previous.serialHex)) ?? prepared.previous };
}
