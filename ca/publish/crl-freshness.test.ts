// revokedSetDigest and decideCrl: when a publish reuses the latest CRL and when it signs a new one.
import { describe, expect, it } from 'vitest';
import { decideCrl, revokedSetDigest } from './crl-freshness.js';

const at = (iso: string) => new Date(iso);
const entry = (serialHex: string) => ({ serialHex, revokedAt: at('2026-01-01T00:00:00Z'), reason: 'keyCompromise' as const });

describe('revokedSetDigest', () => {
  it('ignores row order and sees every field', () => {
    expect(revokedSetDigest([entry('01'), entry('02')])).toBe(revokedSetDigest([entry('02'), entry('01')]));
    expect(revokedSetDigest([entry('01')])).not.toBe(revokedSetDigest([entry('02')]));
    expect(revokedSetDigest([entry('01')])).not.toBe(revokedSetDigest([{ ...entry('01'), reason: 'superseded' }]));
    expect(revokedSetDigest([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(revokedSetDigest([{ ...entry('01'), revokedAt: at('2026-01-01T00:00:00.999Z') }])).toBe(revokedSetDigest([entry('01')]));
  });
});

describe('decideCrl', () => {
  const now = at('2026-01-10T00:00:00Z');
  const latest = { crlNumber: 3, nextUpdate: at('2026-01-15T00:00:00Z'), entriesDigest: 'd1' };
  const cases: Array<[string, Parameters<typeof decideCrl>[0], ReturnType<typeof decideCrl>]> = [
    ['no CRL yet', { latest: undefined, currentDigest: 'd1', now, renewBeforeSeconds: 86_400 }, { action: 'sign', reason: 'no-crl' }],
    ['same set, far from nextUpdate', { latest, currentDigest: 'd1', now, renewBeforeSeconds: 86_400 }, { action: 'reuse' }],
    ['a new revocation', { latest, currentDigest: 'd2', now, renewBeforeSeconds: 86_400 }, { action: 'sign', reason: 'revocations-changed' }],
    ['entries unknown', { latest: { ...latest, entriesDigest: undefined }, currentDigest: 'd1', now, renewBeforeSeconds: 86_400 }, { action: 'sign', reason: 'content-unknown' }],
    ['exactly at the margin', { latest, currentDigest: 'd1', now, renewBeforeSeconds: 5 * 86_400 }, { action: 'sign', reason: 'renewal-due' }],
    ['one second before the margin', { latest, currentDigest: 'd1', now, renewBeforeSeconds: 5 * 86_400 - 1 }, { action: 'reuse' }],
    ['past nextUpdate', { latest: { ...latest, nextUpdate: at('2026-01-01T00:00:00Z') }, currentDigest: 'd1', now, renewBeforeSeconds: 1 }, { action: 'sign', reason: 'renewal-due' }],
  ];
  for (const [name, input, expected] of cases) it(name, () => expect(decideCrl(input)).toEqual(expected));
});
