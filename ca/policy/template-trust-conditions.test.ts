// Trust-policy conditions derived from an issuance template (issue 12 `policy trust --from-template`).
import { describe, expect, it } from 'vitest';
import { parseTemplate } from './template.js';
import { templateTrustConditions } from './template-trust-conditions.js';

const derive = (body: Record<string, unknown>) => templateTrustConditions(parseTemplate('t', JSON.stringify(body))).conditions;

describe('templateTrustConditions', () => {
  it('matches subject defaults exactly, joining repeated attributes with /', () => {
    expect(derive({ subjectDefaults: 'O=Example,OU=Web,OU=Blue' })).toEqual([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/x509Subject/O', values: ['Example'] },
      { operator: 'StringEquals', key: 'aws:PrincipalTag/x509Subject/OU', values: ['Web/Blue'] },
    ]);
  });

  it('requires the required attributes to be present', () => {
    expect(derive({ requiredAttributes: ['CN', 'O'], subjectDefaults: 'O=Example' })).toEqual([
      { operator: 'StringEquals', key: 'aws:PrincipalTag/x509Subject/O', values: ['Example'] },
      { operator: 'Null', key: 'aws:PrincipalTag/x509Subject/CN', values: ['false'] },
    ]);
  });

  it('turns SAN patterns into IfExists conditions and forbids SAN types the template does not allow', () => {
    expect(derive({ sanPatterns: ['dns:*.web.example.com', 'dns:web.example.com'] })).toEqual([
      { operator: 'StringLikeIfExists', key: 'aws:PrincipalTag/x509SAN/DNS', values: ['*.web.example.com', 'web.example.com'] },
      { operator: 'Null', key: 'aws:PrincipalTag/x509SAN/URI', values: ['true'] },
    ]);
    expect(derive({ sanPatterns: ['uri:spiffe://prod/api'] })).toEqual([
      { operator: 'Null', key: 'aws:PrincipalTag/x509SAN/DNS', values: ['true'] },
      { operator: 'StringEqualsIfExists', key: 'aws:PrincipalTag/x509SAN/URI', values: ['spiffe://prod/api'] },
    ]);
    expect(derive({ sanPatterns: [] }).map((c) => `${c.operator} ${c.key} ${c.values[0]}`)).toEqual(['Null aws:PrincipalTag/x509SAN/DNS true', 'Null aws:PrincipalTag/x509SAN/URI true']);
    expect(derive({})).toEqual([]);
  });
});
