// Source identity rules (roles-anywhere.md §4.3), one case per rule.
import { describe, expect, it } from 'vitest';
import { sourceIdentityFor } from './source-identity.js';
import type { NameAttribute } from '../x509/distinguished-name.js';

const cn = (value: string): NameAttribute[] => [{ oid: '2.5.4.3', shortName: 'CN', value }];

describe('sourceIdentityFor', () => {
  it.each([
    ['a CN of 61 characters gets the CN= prefix', cn('a'.repeat(61)), '1', { ok: true, sourceIdentity: `CN=${'a'.repeat(61)}` }],
    ['a CN of 62 characters is used bare', cn('b'.repeat(62)), '1', { ok: true, sourceIdentity: 'b'.repeat(62) }],
    ['a CN of 64 characters is used bare', cn('c'.repeat(64)), '1', { ok: true, sourceIdentity: 'c'.repeat(64) }],
    ['no CN: ID= and the hex serial padded to even length (291)', [{ oid: '2.5.4.10', shortName: 'O', value: 'x' }], '123', { ok: true, sourceIdentity: 'ID=0123' }],
    ['no CN: 17767', [], '4567', { ok: true, sourceIdentity: 'ID=4567' }],
  ])('%s', (_name, subject, serialHex, expected) => {
    expect(sourceIdentityFor(subject, serialHex)).toEqual(expected);
  });

  it('refuses a CN over 64 characters', () => {
    expect(sourceIdentityFor(cn('d'.repeat(65)), '1')).toMatchObject({ ok: false });
  });
});
