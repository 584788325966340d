// Whether the CA's latest CRL can be sent as is, or a new one must be signed (issue #5): on every
// change of the revoked set, and before nextUpdate comes within the renewal margin.
import { createHash } from 'node:crypto';
import type { RevokedEntry } from '../store/cert-store.js';

/**
 * SHA-256 (hex) of the revoked set, independent of row order. Times count to the second, as a CRL
 * holds them, so the digest of a CRL's entries equals that of the rows it was built from.
 */
export function revokedSetDigest(entries: readonly RevokedEntry[]): string {
  const lines = entries.map((e) => `${e.serialHex} ${Math.floor(e.revokedAt.getTime() / 1000)} ${e.reason}\n`).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return hash.digest('hex');
}

export interface LatestCrlFacts {
  crlNumber: number;
  nextUpdate: Date;
  /** Digest of the revoked set it lists; undefined when that is unknown (unreadable). */
  entriesDigest: string | undefined;
}

export type CrlDecision =
  | { action: 'reuse' }
  | { action: 'sign'; reason: 'no-crl' | 'revocations-changed' | 'content-unknown' | 'renewal-due' };

export interface CrlDecisionInput {
  latest: LatestCrlFacts | undefined;
  currentDigest: string;
  now: Date;
  renewBeforeSeconds: number;
}

export function decideCrl(input: CrlDecisionInput): CrlDecision {
  const { latest } = input;
  if (!latest) return { action: 'sign', reason: 'no-crl' };
  if (latest.entriesDigest === undefined) return { action: 'sign', reason: 'content-unknown' };
  if (latest.entriesDigest !== input.currentDigest) return { action: 'sign', reason: 'revocations-changed' };
  if (latest.nextUpdate.getTime() - input.now.getTime() <= input.renewBeforeSeconds * 1000) return { action: 'sign', reason: 'renewal-due' };
  return { action: 'reuse' };
}
