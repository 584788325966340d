// Use-case `crl publish` to every target (issue 9): the per-target publish (publishCrl) runs for
// each, a failure on one never stops the others, and every outcome comes back with its target.
import { IamraError } from '../../errors.js';
import { mapBounded } from '../../io/map-bounded.js';
import type { PublishTarget } from '../store/publish-store.js';
import type { CrlToSend } from './crl-to-send.js';
import type { PublishResult } from './publish-crl.js';

/** How many targets are published at once. */
export const PUBLISH_CONCURRENCY = 4;

export type TargetOutcome =
  | { target: PublishTarget; result: PublishResult }
  | { target: PublishTarget; error: IamraError };

export interface PublishToTargetsInput {
  targets: readonly PublishTarget[];
  /**
   * Runs once before any target (prepareCrl): it signs the new CRL when one is due, so every target
   * sends that one CRL instead of each signing its own. Its failure (a wrong passphrase, a CRL too
   * large) is the same for every target: it is thrown and nothing is published.
   */
  prepare?: () => Promise<CrlToSend>;
  /** One target's publish (publishCrl), failing with an IamraError; anything else is a bug and is thrown. */
  publishOne: (target: PublishTarget) => Promise<PublishResult>;
  /** @default PUBLISH_CONCURRENCY */
  concurrency?: number;
}

/** Outcomes in the order of `targets`. */
export async function publishToTargets(input: PublishToTargetsInput): Promise<TargetOutcome[]> {
  if (input.targets.length === 0) return [];
  const prepared = await input.prepare?.();
  return mapBounded(input.targets, input.concurrency ?? PUBLISH_CONCURRENCY, async (target): Promise<TargetOutcome> => {
    try {
      return { target, result: signedInThisRun(await input.publishOne(target), prepared) };
    } catch (error) {
      if (!(error instanceof IamraError) || error.exitCode === 70) throw error;
      return { target, error };
    }
  });
}

/** A target sent the CRL `prepare` signed: its result says so, as if it had signed it itself. */
function signedInThisRun(result: PublishResult, prepared: CrlToSend | undefined): PublishResult {
  if (!prepared?.signedBecause || result.crl.signedBecause || result.crl.sha256 !== prepared.sha256) return result;
  return { ...result, crl: { ...result.crl, signedBecause: prepared.signedBecause } };
}

/** The exit code of a run with failures: theirs when they agree, else 4 (a mix; retry what failed). */
export function failedExitCode(errors: readonly IamraError[]): number | undefined {
  const [first, ...others] = errors;
  if (!first) return undefined;
  return others.every((e) => e.exitCode === first.exitCode) ? first.exitCode : 4;
}
