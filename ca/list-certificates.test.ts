// The pure parts of `list`: SAN matching (`--san`) and `--subject-attr` parsing.
import { describe, expect, it } from 'vitest';
import { parseSubjectAttributeMatch, sanMatches } from './list-certificates.js';

const SANS = ['dns:web.example.com', 'uri:spiffe://example.com/web', 'ip:10.0.0.7', 'email:Ops@Example.com', 'dirname:CN=Alice, OU=Team'];

describe('sanMatches', () => {
  it.each([
    ['dns:web.example.com', true],
    ['DNS:WEB.Example.com', true],
    ['web.example.com', true],
    ['dns:example.com', false],
    ['uri:spiffe://example.com/web', true],
    ['spiffe://example.com/web', true],
    ['uri:SPIFFE://example.com/web', false],
    ['ip:10.0.0.7', true],
    ['10.0.0.7', true],
    ['ip:10.0.0.8', false],
    ['email:ops@example.com', true],
    ['dirname:CN=Alice, OU=Team', true],
    ['email:web.example.com', false],
    ['other:web.example.com', false],
  ])('%s -> %s', (wanted, expected) => {
    expect(sanMatches(SANS, wanted)).toBe(expected);
  });
});

describe('parseSubjectAttributeMatch', () => {
  it('splits at the first =', () => {
    expect(parseSubjectAttributeMatch('OU=payments')).toEqual({ type: 'OU', value: 'payments' });
    expect(parseSubjectAttributeMatch('CN=a=b')).toEqual({ type: 'CN', value: 'a=b' });
  });

  it.each(['payments', '=x', 'OU='])('refuses %j', (text) => {
    expect(() => parseSubjectAttributeMatch(text)).toThrow(expect.objectContaining({ code: 'SUBJECT_ATTR_INVALID', exitCode: 2 }));
  });
});
