// The one retry backoff: exponential, capped, jittered. "Full" jitter (anywhere in [0, ceiling))
// is the AWS SDKs' standard mode, used for CreateSession; "equal" jitter (half fixed, half random)
// keeps a floor under long-running loops (publish --watch, serve, update) so they never hammer.

export type Jitter = 'full' | 'equal';

export interface BackoffInput {
  /** Failures in a row so far, 1 for the first. */
  attempt: number;
  /** The ceiling of the first attempt; it doubles per attempt. */
  baseMs: number;
  /** Never wait longer than this. */
  capMs: number;
  jitter: Jitter;
  /** A number in [0, 1). */
  random: number;
}

export function backoffDelayMs(input: BackoffInput): number {
  const ceiling = Math.min(input.capMs, input.baseMs * 2 ** Math.min(Math.max(input.attempt - 1, 0), 30));
  if (input.jitter === 'full') return Math.floor(input.random * ceiling);
  return Math.round(ceiling / 2 + (ceiling / 2) * input.random);
}
