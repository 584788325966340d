// The session-tag rule (roles-anywhere.md §4.1) applied to names the CA is asked to issue.
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../errors.js';
import { parseDistinguishedName } from '../x509/distinguished-name.js';
import { parseSubjectAltName } from '../x509/subject-alt-name.js';
import { assertTaggable } from './taggable.js';

const names = (subject: string, sans: string[] = []) => ({ subject: parseDistinguishedName(subject), sans: sans.map(parseSubjectAltName) });

describe('assertTaggable', () => {
  it('accepts taggable names, and ignores SANs that are never mapped (email, ip, later DNS names)', () => {
    expect(() => assertTaggable(names('CN=Alice,OU=Security,OU=Engineering', ['dns:a.example.com', 'email:a+b@x.example', 'ip:10.0.0.1']))).not.toThrow();
  });

  it.each([
    ['a subject value', names('CN=bad (name)'), /x509Subject\/CN cannot become a Roles Anywhere session tag: character "\(" is not allowed/],
    ['the joined values of a multi-valued attribute', names(`CN=x,${Array.from({ length: 5 }, (_, i) => `OU=${String(i).repeat(60)}`).join(',')}`), /x509Subject\/OU .* longer than 256 characters/],
    ['the first URI SAN', names('CN=a', ['uri:spiffe://example.com/a?b=c']), /x509SAN\/URI/],
    ['a directoryName SAN attribute', names('CN=a', ['dirname:CN=x (y)']), /x509SAN\/Name\/CN/],
    ['an issuer value', { subject: [], sans: [], issuer: parseDistinguishedName('CN=Root #1') }, /x509Issuer\/CN .*\(CN=Root #1\)/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => assertTaggable(input)).toThrow(RefusedError);
    expect(() => assertTaggable(input)).toThrow(message);
  });
});
