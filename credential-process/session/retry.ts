// Retry policy for CreateSession: which outcomes are transient, how many attempts
// (3, or AWS_MAX_ATTEMPTS), and full-jitter exponential backoff as the AWS SDKs' standard mode.
import { UsageError } from '../../errors.js';
import { backoffDelayMs } from '../../io/retry-backoff.js';

export const DEFAULT_MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 100;
const THROTTLE_BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

export function isThrottling(status: number, code: string | undefined): boolean {
  return status === 429 || (code !== undefined && THROTTLING_CODES.has(code));
}

export function isRetryableStatus(status: number, code: string | undefined): boolean {
  return isThrottling(status, code) || status >= 500;
}

/** Delay before retry number `retry` (1 for the first retry); `random` is in [0, 1). */
export function backoffMs(retry: number, isThrottle: boolean, random: number): number {
  const baseMs = isThrottle ? THROTTLE_BASE_DELAY_MS : BASE_DELAY_MS;
  // The first retry waits up to twice the base, as in the SDKs.
  return backoffDelayMs({ attempt: retry + 1, baseMs, capMs: MAX_DELAY_MS, jitter: 'full', random });
}

export function maxAttemptsFrom(env: Readonly<Record<string, string | undefined>>): number {
  const text = env.AWS_MAX_ATTEMPTS;
  if (text === undefined || text === '') return DEFAULT_MAX_ATTEMPTS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 20) {
    throw new UsageError('ENVIRONMENT_INVALID', `invalid environment: AWS_MAX_ATTEMPTS must be an integer from 1 to 20 (${text}). Fix or unset AWS_MAX_ATTEMPTS.`);
  }
  return Number(text);
}
