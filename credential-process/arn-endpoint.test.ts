// ARN checks and endpoint resolution (roles-anywhere.md §1.1, §5 endpoint rules).
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { parseArn } from '../roles-anywhere/arn.js';
import { validateSessionArns } from './arn.js';
import { resolveEndpoint, sessionsPath } from './endpoint.js';

const ANCHOR = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/0b5f5e5c-1111-4222-8333-444455556666';
const PROFILE = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/1c6a6f6d-2222-4333-8444-555566667777';
const ROLE = 'arn:aws:iam::123456789012:role/path/app';

function code(fn: () => unknown): string {
  try {
    fn();
    return 'none';
  } catch (error) {
    return error instanceof UsageError ? error.code : 'other';
  }
}

describe('ARNs', () => {
  it('parses partitions and takes the region from the trust anchor', () => {
    expect(parseArn('arn:aws-cn:iam::123456789012:role/x')).toEqual({ partition: 'aws-cn', service: 'iam', region: '', account: '123456789012', resource: 'role/x' });
    expect(validateSessionArns({ trustAnchorArn: ANCHOR, profileArn: PROFILE, roleArn: ROLE }).region).toBe('eu-west-1');
  });

  it('refuses missing, malformed, swapped and mismatched ARNs', () => {
    expect(code(() => validateSessionArns({ profileArn: PROFILE, roleArn: ROLE }))).toBe('MISSING_FLAG');
    expect(code(() => validateSessionArns({ trustAnchorArn: PROFILE, profileArn: PROFILE, roleArn: ROLE }))).toBe('ARN_INVALID');
    expect(code(() => validateSessionArns({ trustAnchorArn: ANCHOR, profileArn: PROFILE, roleArn: 'arn:aws:iam::123456789012:user/x' }))).toBe('ARN_INVALID');
    expect(code(() => validateSessionArns({ trustAnchorArn: ANCHOR, profileArn: PROFILE.replace('eu-west-1', 'us-east-1'), roleArn: ROLE }))).toBe('ARN_REGION_MISMATCH');
    expect(code(() => validateSessionArns({ trustAnchorArn: ANCHOR, profileArn: PROFILE.replace('123456789012', '210987654321'), roleArn: ROLE }))).toBe('ARN_ACCOUNT_MISMATCH');
  });
});

describe('resolveEndpoint', () => {
  const resolve = (env: Record<string, string>, endpoint?: string, region = 'us-east-1') => resolveEndpoint({ region, endpoint, env }).url.href;

  it('builds the regional, FIPS, dual-stack and China endpoints', () => {
    expect(resolve({})).toBe('https://rolesanywhere.us-east-1.amazonaws.com/');
    expect(resolve({ AWS_USE_FIPS_ENDPOINT: 'true' })).toBe('https://rolesanywhere-fips.us-east-1.amazonaws.com/');
    expect(resolve({ AWS_USE_DUALSTACK_ENDPOINT: 'true' })).toBe('https://rolesanywhere.us-east-1.api.aws/');
    expect(resolve({ AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' })).toBe('https://rolesanywhere-fips.us-east-1.api.aws/');
    expect(resolve({}, undefined, 'cn-north-1')).toBe('https://rolesanywhere.cn-north-1.amazonaws.com.cn/');
  });

  it('prefers --endpoint, then AWS_ENDPOINT_URL_ROLESANYWHERE, then AWS_ENDPOINT_URL', () => {
    const env = { AWS_ENDPOINT_URL_ROLESANYWHERE: 'http://127.0.0.1:1', AWS_ENDPOINT_URL: 'http://127.0.0.1:2' };
    expect(resolve(env, 'https://ra.example:8443')).toBe('https://ra.example:8443/');
    expect(resolve(env)).toBe('http://127.0.0.1:1/');
    expect(resolve({ AWS_ENDPOINT_URL: 'http://127.0.0.1:2' })).toBe('http://127.0.0.1:2/');
  });

  it('refuses FIPS or dual-stack with a custom endpoint, bad URLs and bad variables', () => {
    expect(code(() => resolve({ AWS_USE_DUALSTACK_ENDPOINT: 'true' }, 'https://x'))).toBe('ENDPOINT_CONFLICT');
    expect(code(() => resolve({}, '127.0.0.1:8443'))).toBe('ENDPOINT_INVALID');
    expect(code(() => resolve({}, 'ftp://x'))).toBe('ENDPOINT_INVALID');
    expect(code(() => resolve({}, 'https://x/?a=b'))).toBe('ENDPOINT_INVALID');
    expect(code(() => resolve({ AWS_USE_FIPS_ENDPOINT: 'yes' }))).toBe('ENVIRONMENT_INVALID');
  });

  it('keeps an endpoint path prefix in front of /sessions', () => {
    expect(sessionsPath(new URL('https://gw.example/ra/'))).toBe('/ra/sessions');
    expect(sessionsPath(new URL('https://gw.example'))).toBe('/sessions');
  });
});
