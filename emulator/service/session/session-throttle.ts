// Optional CreateSession throttling (roles-anywhere.md §6): the service allows 10 TPS by default,
// keyed on the authenticating certificate and the caller's IP address. A token bucket per key.
import { EmulatorServiceError } from '../../errors.js';

export interface ThrottleOptions {
  /** Sessions per second per certificate and IP; the burst is the same number. */
  ratePerSecond: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

const MAX_BUCKETS = 10_000;

export class SessionThrottle {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: ThrottleOptions) {}

  /** Takes one token for `key` at `nowMs`, or throws ThrottlingException (429, "Rate exceeded"). */
  take(key: string, nowMs: number): void {
    const rate = this.options.ratePerSecond;
    const bucket = this.buckets.get(key) ?? { tokens: rate, updatedMs: nowMs };
    const refilled = Math.min(rate, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * rate);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, updatedMs: nowMs });
      throw new EmulatorServiceError('ThrottlingException', 429, 'Rate exceeded', `more than ${rate} calls per second for ${key}`);
    }
    if (!this.buckets.has(key) && this.buckets.size >= MAX_BUCKETS) this.buckets.delete(this.buckets.keys().next().value as string);
    this.buckets.set(key, { tokens: refilled - 1, updatedMs: nowMs });
  }
}
