// Use-case `crl publish --watch` (issue #5): publish now and every interval (a new CRL on each
// change of the revoked set and before nextUpdate), back off with jitter on retryable failures,
// and stop cleanly when the signal aborts: a step in flight finishes, a wait ends at once.
import { IamraError } from '../../errors.js';
import { backoffDelayMs } from '../../io/retry-backoff.js';
import type { PublishResult } from './publish-crl.js';

export type WatchEvent =
  | { kind: 'published'; at: Date; result: PublishResult }
  | { kind: 'failed'; at: Date; error: IamraError; retryInMs: number }
  | { kind: 'stopped'; at: Date; reason: string };

export interface WatchCrlInput {
  publishOnce: () => Promise<PublishResult>;
  intervalMs: number;
  signal: AbortSignal;
  now: () => Date;
  random: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  log: (event: WatchEvent) => void;
}

/**
 * Runs until the signal aborts. Exit-4 errors (throttling, 5xx, network) retry with backoff;
 * refusals (exit 1: access denied, too large, limit reached) retry at the interval, since they
 * are fixed outside this process. Other errors (bad input: a wrong passphrase, an unreadable
 * --crl) end the run if no round has succeeded yet, as a configuration error; after that they
 * are logged and retried at the interval (a --crl file being replaced). Bugs are always thrown.
 */
export async function watchCrl(input: WatchCrlInput): Promise<void> {
  let failures = 0;
  let hasSucceeded = false;
  while (!input.signal.aborted) {
    let delay = input.intervalMs;
    try {
      const result = await input.publishOnce();
      failures = 0;
      hasSucceeded = true;
      input.log({ kind: 'published', at: input.now(), result });
    } catch (error) {
      if (!(error instanceof IamraError) || error.exitCode === 70) throw error;
      if (!hasSucceeded && error.exitCode !== 4 && error.exitCode !== 1) throw error;
      failures += 1;
      if (error.exitCode === 4) delay = backoffDelayMs({ attempt: failures, baseMs: 1000, capMs: input.intervalMs, jitter: 'equal', random: input.random() });
      input.log({ kind: 'failed', at: input.now(), error, retryInMs: input.signal.aborted ? 0 : delay });
    }
    if (input.signal.aborted) break;
    await input.sleep(delay, input.signal);
  }
  const reason = input.signal.reason;
  input.log({ kind: 'stopped', at: input.now(), reason: typeof reason === 'string' ? reason : 'abort' });
}
