// backoffDelayMs: doubling per failure, capped; equal jitter keeps half of the ceiling, full
// jitter spreads over all of it. Expected values are worked out by hand from the formula.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, type Jitter } from './retry-backoff.js';

describe('backoffDelayMs', () => {
  const cases: Array<[Jitter, number, number, number, number, number]> = [
    // jitter, attempt, random, baseMs, capMs, expected
    ['equal', 1, 0, 1000, 60_000, 500],
    ['equal', 1, 0.999, 1000, 60_000, 1000],
    ['equal', 2, 0, 1000, 60_000, 1000],
    ['equal', 4, 0.5, 1000, 60_000, 6000],
    ['equal', 10, 0, 1000, 60_000, 30_000],
    ['equal', 10, 0.999, 1000, 60_000, 59_970],
    ['equal', 3, 0.5, 1000, 2000, 1500],
    ['equal', 1000, 1, 1000, 5000, 5000],
    ['equal', 1, 0, 5000, 60_000, 2500],
    ['full', 2, 0.999, 100, 20_000, 199],
    ['full', 3, 0.5, 100, 20_000, 200],
    ['full', 2, 0.999, 500, 20_000, 999],
    ['full', 31, 0.999, 100, 20_000, 19_980],
    ['full', 4, 0, 100, 20_000, 0],
  ];
  for (const [jitter, attempt, random, baseMs, capMs, expected] of cases) {
    it(`${jitter}: attempt ${attempt}, random ${random}, base ${baseMs}, cap ${capMs} -> ${expected} ms`, () =>
      expect(backoffDelayMs({ jitter, attempt, random, baseMs, capMs })).toBe(expected));
  }
});
