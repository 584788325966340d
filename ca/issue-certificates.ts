// Use-case `issue` as the CLI runs it: the request (from a CSR, or a key generated here), then N
// certificates issued and stored, then the PKCS#12 bundle of a generated key.
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { mentionsMlDsaIn } from '../x509/ml-dsa.js';
import type { CaSigner } from './ca-signer.js';
import { generateKey, type GeneratedKey } from './generate-key.js';
import { issueCertificate, type IssuedCertificate } from './issue-certificate.js';
import { buildIssueRequest, type IssueRequest } from './issue-request.js';
import type { KeyType } from './key-type.js';
import type { CertStore } from './store/cert-store.js';
import { encodePkcs12 } from './x509/pkcs12.js';

export interface IssueRequestSource {
  /** CSR file contents (PEM or DER); undefined with `generateKeyType`. */
  csrData?: Buffer;
  csrSource?: string;
  /** Generate the key here, of this type. */
  generateKeyType?: KeyType;
  /** `--subject`; when absent the CSR's subject is used. */
  subjectText?: string;
  /** `--san` values; when absent the CSR's requested SANs are used. */
  sanTexts: string[];
}

export interface PreparedIssue {
  request: IssueRequest;
  /** The key generated here (to be written by the caller), when asked for. */
  generatedKey?: GeneratedKey;
}

/**
 * Checks the request before any CA is opened: a bad CSR or subject costs nothing. An ML-DSA CSR
 * loads the ML-DSA engine to check its signature (issue 14).
 */
export async function prepareIssue(source: IssueRequestSource): Promise<PreparedIssue> {
  const generatedKey = source.generateKeyType === undefined ? undefined : await generateKey(source.generateKeyType);
  const mlDsa = source.csrData && mentionsMlDsaIn(source.csrData) ? await loadMlDsaEngine() : undefined;
  const request = buildIssueRequest({
    csrData: source.csrData, csrSource: source.csrSource, generatedKey: generatedKey?.signingKey, mlDsa, subjectText: source.subjectText, sanTexts: source.sanTexts,
  });
  return { request, ...(generatedKey ? { generatedKey } : {}) };
}

export interface IssueCertificatesInput {
  prepared: PreparedIssue;
  store: CertStore;
  signer: CaSigner;
  /** How many certificates from the same request (only 1 with a generated key). */
  count: number;
  validitySeconds?: number;
  templateName?: string;
  allowUntaggable: boolean;
  /** With a generated key: also a PKCS#12 bundle under this password. */
  pkcs12Password?: string;
  actor: string;
  /** @default the clock, read for each certificate */
  now?: () => Date;
  /** @default node:crypto randomBytes */
  randomBytes?: (size: number) => Buffer;
}

export interface IssuedCertificates {
  certificates: IssuedCertificate[];
  /** DER PKCS#12 of the generated key and the first certificate, when a password was given. */
  pkcs12?: Buffer;
}

export async function issueCertificates(input: IssueCertificatesInput): Promise<IssuedCertificates> {
  const { request, generatedKey } = input.prepared;
  const randomBytes = input.randomBytes ?? cryptoRandomBytes;
  const now = input.now ?? (() => new Date());
  const certificates: IssuedCertificate[] = [];
  for (let i = 0; i < input.count; i++) {
    certificates.push(await issueCertificate({
      store: input.store, signer: input.signer, publicKey: request.publicKey, subjectPublicKeyInfo: request.subjectPublicKeyInfo,
      subject: request.subject, sans: request.sans, validitySeconds: input.validitySeconds, templateName: input.templateName,
      allowUntaggable: input.allowUntaggable, now: now(), randomBytes, actor: input.actor,
    }));
  }
  const first = certificates[0];
  // PKCS#12 takes RSA and EC keys (the CLI refuses --p12 with an ML-DSA key type).
  if (!first || !generatedKey?.keyObject || input.pkcs12Password === undefined) return { certificates };
  const pkcs12 = encodePkcs12({ certificateDer: first.der, privateKey: generatedKey.keyObject, password: input.pkcs12Password, friendlyName: first.subject, macSalt: randomBytes(16) });
  return { certificates, pkcs12 };
}
