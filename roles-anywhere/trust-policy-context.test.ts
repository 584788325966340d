// The request context a trust policy is evaluated against (roles-anywhere.md §4.4).
import { describe, expect, it } from 'vitest';
import { trustPolicyContext } from './trust-policy-context.js';

const ANCHOR = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/0b5f5e5c-1111-4222-8333-444455556666';

describe('trustPolicyContext', () => {
  it('names the source, the service and each tag as PrincipalTag and RequestTag', () => {
    const tags = new Map([['x509Subject/CN', 'alice'], ['x509SAN/DNS', 'a.example']]);
    expect(trustPolicyContext({ trustAnchorArn: ANCHOR, account: '123456789012', sourceIdentity: 'CN=alice', roleSessionName: '0a1b', tags })).toEqual({
      'aws:SourceArn': ANCHOR,
      'aws:SourceAccount': '123456789012',
      'aws:PrincipalServiceName': 'rolesanywhere.amazonaws.com',
      'sts:SourceIdentity': 'CN=alice',
      'sts:RoleSessionName': '0a1b',
      'aws:TagKeys': ['x509Subject/CN', 'x509SAN/DNS'],
      'aws:PrincipalTag/x509Subject/CN': 'alice',
      'aws:RequestTag/x509Subject/CN': 'alice',
      'aws:PrincipalTag/x509SAN/DNS': 'a.example',
      'aws:RequestTag/x509SAN/DNS': 'a.example',
    });
  });

  it('has an empty TagKeys list and no tag keys when there are no tags', () => {
    const context = trustPolicyContext({ trustAnchorArn: ANCHOR, account: '123456789012', sourceIdentity: 'ID=01', roleSessionName: '01', tags: new Map() });
    expect(context['aws:TagKeys']).toEqual([]);
    expect(Object.keys(context).filter((k) => k.includes('Tag/'))).toEqual([]);
  });
});
