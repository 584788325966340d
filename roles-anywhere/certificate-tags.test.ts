// The refusal hint's tag list: the default mapping in reading order, untaggable values included,
// the same mapping the emulator applies (one implementation).
import { describe, expect, it } from 'vitest';
import { createTestRoot, issueTestCertificate } from '../test/support/pki.js';
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { defaultAttributeMappings } from './attribute-mappings.js';
import { certificateTags } from './certificate-tags.js';
import { derivePrincipalTags } from './principal-tags.js';

describe('certificateTags', () => {
  it('lists subject, issuer, then the first DNS, URI and directory-name SAN', async () => {
    const root = await createTestRoot({ subject: 'O=iamra, CN=Root' });
    const leaf = await issueTestCertificate(root, {
      subject: 'CN=leaf, OU=a, OU=b',
      sans: [
        { type: 'dns', value: 'one.example' },
        { type: 'dns', value: 'two.example' },
        { type: 'url', value: 'spiffe://example/x' },
        { type: 'dn', value: 'CN=inner' },
      ],
    });
    expect(certificateTags(parseCertificateFields(Buffer.from(leaf.certificate.rawData)))).toEqual([
      'x509Subject/CN=leaf',
      'x509Subject/OU=a/b',
      'x509Issuer/O=iamra',
      'x509Issuer/CN=Root',
      'x509SAN/DNS=one.example',
      'x509SAN/URI=spiffe://example/x',
      'x509SAN/Name/CN=inner',
    ]);
  });

  it('lists a value STS refuses, which derivePrincipalTags reports as untaggable', async () => {
    const root = await createTestRoot({ subject: 'CN=Root' });
    const leaf = await issueTestCertificate(root, { subject: 'CN=bad;name' });
    const fields = parseCertificateFields(Buffer.from(leaf.certificate.rawData));
    expect(certificateTags(fields)).toContain('x509Subject/CN=bad;name');
    expect(derivePrincipalTags(fields, defaultAttributeMappings()).untaggable.map((u) => `${u.field}/${u.name}`)).toEqual(['x509Subject/CN']);
  });
});
