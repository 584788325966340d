// CreateSession throttling: a token bucket per certificate and IP, refilled over time.
import { describe, expect, it } from 'vitest';
import { EmulatorServiceError } from '../../errors.js';
import { SessionThrottle } from './session-throttle.js';

function outcome(throttle: SessionThrottle, key: string, nowMs: number): string {
  try {
    throttle.take(key, nowMs);
    return 'ok';
  } catch (error) {
    return error instanceof EmulatorServiceError ? `${error.status} ${error.type} ${error.message}` : 'other';
  }
}

describe('SessionThrottle', () => {
  it('allows a burst of `rate`, then answers 429 Rate exceeded until tokens refill', () => {
    const throttle = new SessionThrottle({ ratePerSecond: 2 });
    expect([0, 1, 2].map(() => outcome(throttle, 'cert-a', 1000))).toEqual(['ok', 'ok', '429 ThrottlingException Rate exceeded']);
    expect(outcome(throttle, 'cert-a', 1400)).toBe('429 ThrottlingException Rate exceeded');
    expect(outcome(throttle, 'cert-a', 1600)).toBe('ok');
  });

  it('keeps one bucket per key', () => {
    const throttle = new SessionThrottle({ ratePerSecond: 1 });
    expect([outcome(throttle, 'a', 0), outcome(throttle, 'b', 0), outcome(throttle, 'a', 0)]).toEqual(['ok', 'ok', '429 ThrottlingException Rate exceeded']);
  });
});
