// Jittered exponential backoff for retrying a publish after throttling or a service error:
// "equal jitter" (half fixed, half random) so retries from many CAs spread out yet never hammer.

export interface BackoffInput {
  /** Failures in a row so far, 1 for the first. */
  attempt: number;
  /** @default 1000 */
  baseMs?: number;
  /** Never wait longer than this (the watch interval). */
  capMs: number;
  /** A number in [0, 1). */
  random: number;
}

export function backoffDelayMs(input: BackoffInput): number {
  const base = input.baseMs ?? 1000;
  const ceiling = Math.min(input.capMs, base * 2 ** Math.min(Math.max(input.attempt - 1, 0), 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * input.random);
}
