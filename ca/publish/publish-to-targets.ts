// Use-case `crl publish` to every target (issue 9): the per-target publish (publishCrl) runs for
// each, a failure on one never stops the others, and every outcome comes back with its target.
import { IamraError } from '../../errors.js';
import { mapBounded } from '../../io/map-bounded.js';
import type { PublishTarget } from '../store/publish-store.js';
import type { PublishResult } from './publish-crl.js';

/** How many targets are published at once after the first. */
export const PUBLISH_CONCURRENCY = 4;

export type TargetOutcome =
  | { target: PublishTarget; result: PublishResult }
  | { target: PublishTarget; error: IamraError };

export interface PublishToTargetsInput {
  targets: readonly PublishTarget[];
  /** One target's publish (publishCrl), failing with an IamraError; anything else is a bug and is thrown. */
  publishOne: (target: PublishTarget) => Promise<PublishResult>;
  /** @default PUBLISH_CONCURRENCY */
  concurrency?: number;
}

/**
 * Outcomes in the order of `targets`. The first target runs alone: it signs a new CRL when one is
 * due, so the others reuse that CRL instead of each signing its own.
 */
export async function publishToTargets(input: PublishToTargetsInput): Promise<TargetOutcome[]> {
  const publishOne = async (target: PublishTarget): Promise<TargetOutcome> => {
    try {
      return { target, result: await input.publishOne(target) };
    } catch (error) {
      if (!(error instanceof IamraError) || error.exitCode === 70) throw error;
      return { target, error };
    }
  };
  const [first, ...rest] = input.targets;
  if (first === undefined) return [];
  const head = await publishOne(first);
  return [head, ...await mapBounded(rest, input.concurrency ?? PUBLISH_CONCURRENCY, publishOne)];
}

/** The exit code of a run with failures: theirs when they agree, else 4 (a mix; retry what failed). */
export function failedExitCode(errors: readonly IamraError[]): number | undefined {
  const codes = new Set(errors.map((e) => e.exitCode));
  if (codes.size === 0) return undefined;
  return codes.size === 1 ? [...codes][0]! : 4;
}
