// X.509 Time (RFC 5280 §4.1.2.5): UTCTime through 2049, GeneralizedTime from 2050, whole seconds.
import { describe, expect, it } from 'vitest';
import { encodeTime, truncateToSecond } from './time.js';

describe('encodeTime', () => {
  it.each([
    ['2049-12-31T23:59:59.999Z', '170d3439313233313233353935395a'],
    ['2050-01-01T00:00:00Z', '180f32303530303130313030303030305a'],
    ['1950-01-01T00:00:00Z', '170d3530303130313030303030305a'],
  ])('%s', (iso, expected) => {
    expect(encodeTime(new Date(iso)).toString('hex')).toBe(expected);
  });

  it('truncates to whole seconds', () => {
    expect(truncateToSecond(new Date('2026-05-06T07:08:09.999Z')).toISOString()).toBe('2026-05-06T07:08:09.000Z');
  });
});
