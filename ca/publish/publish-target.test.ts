// Trust anchor ARN parsing (roles-anywhere.md §5) and how flags and the remembered target combine.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { defaultCrlName, parseTrustAnchorArn, resolveTarget } from './publish-target.js';

const ARN = 'arn:aws:rolesanywhere:eu-west-2:123456789012:trust-anchor/6f18c3df-5ba9-47e8-88be-aa4833d0f612';
const OTHER = 'arn:aws-us-gov:rolesanywhere:us-gov-west-1:210987654321:trust-anchor/00000000-1111-2222-3333-444444444444';
const CA = Buffer.from('ca certificate der');

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof UsageError ? error.code : 'not a UsageError';
  }
  return undefined;
}

describe('parseTrustAnchorArn', () => {
  it('takes region, account and id, in any partition', () => {
    expect(parseTrustAnchorArn(ARN)).toEqual({ region: 'eu-west-2', account: '123456789012', trustAnchorId: '6f18c3df-5ba9-47e8-88be-aa4833d0f612' });
    expect(parseTrustAnchorArn(OTHER).region).toBe('us-gov-west-1');
  });
  for (const bad of ['', ARN.replace('trust-anchor', 'profile'), ARN.replace('123456789012', '1234'), `${ARN}x`, ARN.replace('rolesanywhere', 'iam'), ` ${ARN}`]) {
    it(`refuses ${JSON.stringify(bad)}`, () => expect(codeOf(() => parseTrustAnchorArn(bad))).toBe('TRUST_ANCHOR_ARN_INVALID'));
  }
});

describe('resolveTarget', () => {
  const remembered = { trustAnchorArn: ARN, region: 'eu-west-2', endpoint: 'http://127.0.0.1:1234', crlName: 'kept', profile: 'pub' };

  it('needs an ARN from the flags or the CA', () => {
    expect(codeOf(() => resolveTarget({}, undefined, CA))).toBe('PUBLISH_TARGET_MISSING');
  });

  it('defaults the region to the ARN\'s and the name to the CA fingerprint', () => {
    expect(resolveTarget({ trustAnchorArn: ARN }, undefined, CA)).toEqual({ trustAnchorArn: ARN, region: 'eu-west-2', crlName: defaultCrlName(CA) });
    expect(defaultCrlName(CA)).toMatch(/^iamra-[0-9a-f]{16}$/);
  });

  it('uses the remembered target when no flag is given, flags win', () => {
    expect(resolveTarget({}, remembered, CA)).toEqual(remembered);
    expect(resolveTarget({ endpoint: 'https://vpce.example', name: 'new name' }, remembered, CA)).toEqual({ ...remembered, endpoint: 'https://vpce.example', crlName: 'new name' });
  });

  it('inherits nothing for another trust anchor', () => {
    expect(resolveTarget({ trustAnchorArn: OTHER }, remembered, CA)).toEqual({ trustAnchorArn: OTHER, region: 'us-gov-west-1', crlName: defaultCrlName(CA) });
  });

  it('refuses malformed flags', () => {
    expect(codeOf(() => resolveTarget({ trustAnchorArn: ARN, region: 'EU' }, undefined, CA))).toBe('REGION_INVALID');
    expect(codeOf(() => resolveTarget({ trustAnchorArn: ARN, endpoint: 'localhost:8080' }, undefined, CA))).toBe('ENDPOINT_INVALID');
    expect(codeOf(() => resolveTarget({ trustAnchorArn: ARN, endpoint: 'http://h/?x=1' }, undefined, CA))).toBe('ENDPOINT_INVALID');
    expect(codeOf(() => resolveTarget({ trustAnchorArn: ARN, name: 'a/b' }, undefined, CA))).toBe('CRL_NAME_INVALID');
    expect(codeOf(() => resolveTarget({ trustAnchorArn: ARN, name: 'x'.repeat(256) }, undefined, CA))).toBe('CRL_NAME_INVALID');
  });
});
