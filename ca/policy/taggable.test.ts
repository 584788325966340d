// The session-tag rule (roles-anywhere.md §4.1): which values are mapped, and which are refused.
import { describe, expect, it } from 'vitest';
import { parseDistinguishedName } from '../x509/distinguished-name.js';
import { parseSubjectAltName } from '../x509/subject-alt-name.js';
import { assertTaggable, mappedTags } from './taggable.js';

describe('session tags', () => {
  it('maps subject attributes (joined by /) and the first DNS, URI and directory name', () => {
    const tags = mappedTags(parseDistinguishedName('CN=Alice,OU=Security,OU=Engineering'), ['dns:a.example.com', 'dns:b.example.com', 'uri:spiffe://x/y', 'dirname:CN=Alice', 'email:a@b.example'].map(parseSubjectAltName));
    expect(tags).toEqual([
      ['x509Subject/CN', 'Alice'], ['x509Subject/OU', 'Security/Engineering'],
      ['x509SAN/DNS', 'a.example.com'], ['x509SAN/URI', 'spiffe://x/y'], ['x509SAN/Name/CN', 'Alice'],
    ]);
  });

  it('ignores unmapped SANs (email, later DNS names) and refuses mapped ones', () => {
    expect(() => assertTaggable(parseDistinguishedName('CN=a'), ['dns:a.example.com', 'email:a+b@x.example'].map(parseSubjectAltName))).not.toThrow();
    expect(() => assertTaggable(parseDistinguishedName('CN=a'), [parseSubjectAltName('dirname:CN=x (y)')])).toThrow(/x509SAN\/Name\/CN/);
    expect(() => assertTaggable(parseDistinguishedName('CN=Root #1'), [], 'x509Issuer')).toThrow(/x509Issuer\/CN/);
  });
});
