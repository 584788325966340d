// The CRL a publish sends (issue #5; roles-anywhere.md §3.2): the CA's latest or a newly signed
// one, or a `--crl FILE`; always PEM, at most 300,000 bytes, issued and signed by this CA.
import { createHash, createPublicKey } from 'node:crypto';
import { InputError, RefusedError } from '../../errors.js';
import { MAX_CRL_BYTES } from '../../roles-anywhere/service-limits.js';
import { buildCrl } from '../build-crl.js';
import type { CaSigner } from '../ca-signer.js';
import type { CaCertificate } from '../open-ca.js';
import type { CertStore } from '../store/cert-store.js';
import type { PublishStore } from '../store/publish-store.js';
import { asInputError } from '../../x509/der-reader.js';
import { parseCrl, readCrlEntries, type ParsedCrl } from '../../x509/crl.js';
import { isStrongSignatureAlgorithm } from '../../x509/algorithms.js';
import { isCrlSignedBy } from '../../x509/verify-crl-signature.js';
import { encodePem, pemOrDer } from '../x509/pem.js';
import { decideCrl, revokedSetDigest, type CrlDecision } from './crl-freshness.js';

export type CrlSource =
  | { kind: 'file'; data: Buffer; path: string }
  | { kind: 'ca'; loadSigner: () => Promise<CaSigner>; nextUpdateSeconds: number; renewBeforeSeconds: number };

export interface CrlToSend {
  /** The exact bytes sent: the PEM. */
  body: Buffer;
  sha256: string;
  crlNumber?: number;
  thisUpdate: Date;
  nextUpdate?: Date;
  entryCount: number;
  /** Why a new CRL was signed, when one was. */
  signedBecause?: Exclude<CrlDecision, { action: 'reuse' }>['reason'];
}

export interface PrepareCrlInput {
  certStore: CertStore;
  publishStore: PublishStore;
  caCertificate: CaCertificate;
  source: CrlSource;
  now: Date;
  actor: string;
}

export async function prepareCrl(input: PrepareCrlInput): Promise<CrlToSend> {
  if (input.source.kind === 'file') return fromFile(input.source, input.caCertificate);
  const { certStore, publishStore, source } = input;
  const currentDigest = revokedSetDigest((await certStore.crlSnapshot(input.now)).entries);
  const latest = await certStore.latestCrl();
  const decision = decideCrl({
    latest: latest && { crlNumber: latest.crlNumber, nextUpdate: latest.nextUpdate, entriesDigest: (await publishStore.entriesDigest(latest.crlNumber)) ?? digestOf(latest.der) },
    currentDigest, now: input.now, renewBeforeSeconds: source.renewBeforeSeconds,
  });
  if (latest && decision.action === 'reuse') return checked(latest.der, input.caCertificate, { what: 'the CA\'s latest CRL', source: `CRL ${latest.crlNumber}` });
  const built = await buildCrl({ store: certStore, signer: await source.loadSigner(), now: input.now, nextUpdateSeconds: source.nextUpdateSeconds, maxBytes: MAX_CRL_BYTES, actor: input.actor });
  // Read back rather than the snapshot above: a revocation in between is in the CRL, not in it.
  const builtDigest = digestOf(built.der);
  if (builtDigest !== undefined) await publishStore.putEntriesDigest(built.crlNumber, builtDigest);
  return { ...checked(built.der, input.caCertificate, { what: 'the new CRL', source: `CRL ${built.crlNumber}` }), signedBecause: decision.action === 'sign' ? decision.reason : 'no-crl' };
}

/** The digest of a CRL made by another command (`crl generate`), read from its entries. */
function digestOf(der: Buffer): string | undefined {
  try {
    return revokedSetDigest(readCrlEntries(der));
  } catch {
    return undefined;
  }
}

function fromFile(source: { data: Buffer; path: string }, ca: CaCertificate): CrlToSend {
  const der = pemOrDer(source.data, ['X509 CRL'], 'CRL', source.path);
  return checked(der, ca, { what: 'the CRL file', source: source.path });
}

/** Size as sent, issuer and signature: everything the service would refuse, before any call. */
function checked(der: Buffer, ca: CaCertificate, { what, source }: { what: string; source: string }): CrlToSend {
  const body = Buffer.from(encodePem('X509 CRL', der), 'latin1');
  if (body.length > MAX_CRL_BYTES) {
    throw new RefusedError('CRL_TOO_LARGE', `cannot publish ${what}: it is ${body.length} bytes as PEM, over the ${MAX_CRL_BYTES}-byte limit of Roles Anywhere ImportCrl (${source}). Let expired certificates drop out or split the CA; nothing was sent.`);
  }
  let crl: ParsedCrl;
  try {
    crl = parseCrl(der);
  } catch (error) {
    throw asInputError(error, 'CRL_MALFORMED', (why) => `cannot publish ${what}: not an X.509 CRL: ${why} (${source}). Give a PEM or DER CRL of this CA.`);
  }
  if (!crl.issuerDer.equals(ca.fields.subjectDer)) {
    throw new InputError('CRL_NOT_FROM_CA', `cannot publish ${what}: its issuer is not this CA's subject (${source}). Publish a CRL this CA signed, or pass the right --ca.`);
  }
  if (!isSignedBy(crl, ca)) {
    throw new InputError('CRL_SIGNATURE_INVALID', `cannot publish ${what}: its signature does not verify with this CA's key (${source}). Publish a CRL this CA signed.`);
  }
  return {
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    ...(crl.crlNumber !== undefined && crl.crlNumber <= BigInt(Number.MAX_SAFE_INTEGER) ? { crlNumber: Number(crl.crlNumber) } : {}),
    thisUpdate: crl.thisUpdate,
    ...(crl.nextUpdate ? { nextUpdate: crl.nextUpdate } : {}),
    entryCount: crl.entryCount,
  };
}

function isSignedBy(crl: ParsedCrl, ca: CaCertificate): boolean {
  const publicKey = createPublicKey({ key: ca.fields.subjectPublicKeyInfo, format: 'der', type: 'spki' });
  // SHA-256 or stronger, the rule for every certificate on the path (roles-anywhere.md §2).
  return isStrongSignatureAlgorithm(crl.signatureAlgorithmOid) && isCrlSignedBy(crl, { fields: ca.fields, publicKey });
}
