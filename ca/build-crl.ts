// Use-case `crl generate`: a signed X.509 v2 CRL with the next CRL number, stored in the CA database.
import { RefusedError } from '../errors.js';
import type { CaSigner } from './ca-signer.js';
import type { CertStore } from './store/cert-store.js';
import { wrapSigned } from './x509/certificate.js';
import { encodeTbsCrl } from './x509/crl.js';
import { encodePem } from './x509/pem.js';
import { truncateToSecond } from './x509/time.js';

const NUMBER_ATTEMPTS = 10;

export interface BuildCrlInput {
  store: CertStore;
  signer: CaSigner;
  now: Date;
  nextUpdateSeconds: number;
  /** Refuse (and store nothing) when the PEM is larger; undefined means no limit. */
  maxBytes?: number;
  actor: string;
}

export interface BuiltCrl {
  der: Buffer;
  pem: string;
  crlNumber: number;
  thisUpdate: Date;
  nextUpdate: Date;
  entryCount: number;
}

/**
 * Reads the revoked set and the last CRL number from one snapshot, encodes and signs, then stores
 * the CRL under number + 1. If another process took that number meanwhile, it starts again, so a
 * higher CRL number always reflects a later snapshot.
 */
export async function buildCrl(input: BuildCrlInput): Promise<BuiltCrl> {
  const { store, signer } = input;
  const thisUpdate = truncateToSecond(input.now);
  const nextUpdate = new Date(thisUpdate.getTime() + input.nextUpdateSeconds * 1000);
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS; attempt++) {
    const snapshot = await store.crlSnapshot(thisUpdate);
    const crlNumber = snapshot.lastCrlNumber + 1;
    const tbs = encodeTbsCrl({
      signatureAlgorithm: signer.algorithm.identifier,
      issuerDer: signer.issuerDer,
      authorityKeyId: signer.keyId,
      thisUpdate,
      nextUpdate,
      crlNumber: BigInt(crlNumber),
      entries: snapshot.entries,
    });
    const der = wrapSigned(tbs, signer.algorithm.identifier, await signer.sign(tbs));
    const pem = encodePem('X509 CRL', der);
    if (input.maxBytes !== undefined && pem.length > input.maxBytes) {
      throw new RefusedError('CRL_TOO_LARGE', `refused: the CRL would be ${pem.length} bytes (${snapshot.entries.length} entries), over the ${input.maxBytes}-byte limit of Roles Anywhere ImportCrl. Let expired certificates drop out, split the CA, or raise --max-bytes if you do not import it.`);
    }
    const entryCount = snapshot.entries.length;
    const stored = await store.insertCrl(
      { crlNumber, thisUpdate, nextUpdate, entryCount, der },
      { at: input.now, actor: input.actor, action: 'crl.generate', detail: { crlNumber, entryCount, bytes: pem.length, nextUpdate: nextUpdate.toISOString() } },
    );
    if (stored === 'inserted') return { der, pem, crlNumber, thisUpdate, nextUpdate, entryCount };
  }
  throw new RefusedError('CRL_NUMBER_CONTENDED', `refused: ${NUMBER_ATTEMPTS} other CRLs were generated at the same time. Run "iamra crl generate" again.`);
}
