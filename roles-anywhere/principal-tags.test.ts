// Tag mapping (roles-anywhere.md §4.1-4.2): the documented 10-tag example, the "/" join of
// repeated attributes, first-SAN-only, mapping rules, and untaggable values.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRoot, issueTestCertificate, type TestIdentity } from '../test/support/pki.js';
import { defaultAttributeMappings, putAttributeMapping } from './attribute-mappings.js';
import { derivePrincipalTags } from './principal-tags.js';
import { parseCertificateFields } from '../x509/certificate-fields.js';

let alice: TestIdentity;
let dir: string;

const fieldsOf = (identity: TestIdentity) => parseCertificateFields(Buffer.from(identity.certificate.rawData));

beforeAll(async () => {
  const issuer = await createTestRoot({ subject: 'C=US, O=Amazon, OU=IAM, ST=Washington, CN=RolesAnywhere, L=Seattle' });
  alice = await issueTestCertificate(issuer, {
    subject: 'CN=Alice',
    sans: [
      { type: 'dns', value: 'example.com' },
      { type: 'dns', value: 'second.example.com' },
      { type: 'url', value: 'spiffe://example.com/workload/alice' },
      { type: 'dn', value: 'CN=Alice' },
      { type: 'email', value: 'alice@example.com' },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), 'iamra-tags-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('derivePrincipalTags', () => {
  it('reproduces the documented example: 10 tags from issuer, subject and the first DNS, URI and DirName', () => {
    const { tags, untaggable } = derivePrincipalTags(fieldsOf(alice), defaultAttributeMappings());
    expect(untaggable).toEqual([]);
    expect(Object.fromEntries(tags)).toEqual({
      'x509Subject/CN': 'Alice',
      'x509Issuer/C': 'US',
      'x509Issuer/O': 'Amazon',
      'x509Issuer/OU': 'IAM',
      'x509Issuer/ST': 'Washington',
      'x509Issuer/CN': 'RolesAnywhere',
      'x509Issuer/L': 'Seattle',
      'x509SAN/DNS': 'example.com',
      'x509SAN/URI': 'spiffe://example.com/workload/alice',
      'x509SAN/Name/CN': 'Alice',
    });
  });

  it('joins repeated attributes with "/" in certificate order (a certificate made by OpenSSL)', () => {
    const key = join(dir, 'k.pem');
    const cert = join(dir, 'c.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1',
      '-subj', '/C=US/O=Example/OU=Security/OU=Engineering/OU=Research/CN=Zoë Smith', '-utf8',
      '-addext', 'subjectAltName=email:z@example.com,DNS:first.example,DNS:second.example',
    ], { stdio: 'pipe' });
    const fields = parseCertificateFields(new X509Certificate(readFileSync(cert)).raw);
    const { tags } = derivePrincipalTags(fields, defaultAttributeMappings());
    expect(tags.get('x509Subject/OU')).toBe('Security/Engineering/Research');
    expect(tags.get('x509Subject/CN')).toBe('Zoë Smith');
    expect(tags.get('x509SAN/DNS')).toBe('first.example');
    expect([...tags.keys()].filter((k) => k.startsWith('x509SAN/'))).toEqual(['x509SAN/DNS']);
  });

  it('keeps only what the mapping rules select', () => {
    let mappings = putAttributeMapping(defaultAttributeMappings(), 'x509Issuer', [{ specifier: 'O' }]);
    mappings = putAttributeMapping(mappings, 'x509SAN', [{ specifier: 'URI' }, { specifier: 'Name' }]);
    const { tags } = derivePrincipalTags(fieldsOf(alice), mappings);
    expect([...tags.keys()].sort()).toEqual(['x509Issuer/O', 'x509SAN/Name/CN', 'x509SAN/URI', 'x509Subject/CN']);
  });

  it('reports untaggable values by field, or drops them on request', async () => {
    const root = await createTestRoot({ subject: 'CN=Root (test)' });
    const leaf = await issueTestCertificate(root, { subject: 'CN=ok,O=Bad;Org', sans: [{ type: 'dns', value: 'fine.example' }] });
    const failed = derivePrincipalTags(fieldsOf(leaf), defaultAttributeMappings());
    expect(failed.untaggable.map((u) => `${u.field}/${u.name}`)).toEqual(['x509Issuer/CN', 'x509Subject/O']);
    const dropped = derivePrincipalTags(fieldsOf(leaf), defaultAttributeMappings(), 'drop');
    expect(dropped.untaggable).toEqual([]);
    expect([...dropped.tags.keys()]).toEqual(['x509SAN/DNS', 'x509Subject/CN']);
  });
});
