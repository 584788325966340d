// backoffDelayMs: equal jitter, doubling per failure, capped at the watch interval.
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from './backoff.js';

describe('backoffDelayMs', () => {
  const cases: Array<[number, number, number, number]> = [
    // attempt, random, capMs, expected
    [1, 0, 60_000, 500],
    [1, 0.999, 60_000, 1000],
    [2, 0, 60_000, 1000],
    [4, 0.5, 60_000, 6000],
    [10, 0, 60_000, 30_000],
    [10, 0.999, 60_000, 59_970],
    [3, 0.5, 2000, 1500],
    [1000, 1, 5000, 5000],
  ];
  for (const [attempt, random, capMs, expected] of cases) {
    it(`attempt ${attempt}, random ${random}, cap ${capMs} -> ${expected} ms`, () => expect(backoffDelayMs({ attempt, random, capMs })).toBe(expected));
  }
});
