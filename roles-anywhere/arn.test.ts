// ARN parsing and formatting (roles-anywhere.md §1.1, §5): valid and invalid ARNs of every kind,
// in the aws, aws-cn and aws-us-gov partitions.
import { describe, expect, it } from 'vitest';
import { formatArn, formatRolesAnywhereArn, isRegion, parseArn, parseRoleArn, parseRolesAnywhereArn, type RolesAnywhereResourceType } from './arn.js';

const ID = '0b5f5e5c-1111-4222-8333-444455556666';

describe('parseRolesAnywhereArn', () => {
  const valid: [string, string, string, RolesAnywhereResourceType][] = [
    [`arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`, 'aws', 'us-east-1', 'trust-anchor'],
    [`arn:aws:rolesanywhere:eu-west-2:123456789012:profile/${ID}`, 'aws', 'eu-west-2', 'profile'],
    [`arn:aws:rolesanywhere:ap-southeast-2:123456789012:crl/${ID}`, 'aws', 'ap-southeast-2', 'crl'],
    [`arn:aws:rolesanywhere:us-east-2:123456789012:subject/${ID}`, 'aws', 'us-east-2', 'subject'],
    [`arn:aws-cn:rolesanywhere:cn-north-1:123456789012:trust-anchor/${ID}`, 'aws-cn', 'cn-north-1', 'trust-anchor'],
    [`arn:aws-cn:rolesanywhere:cn-northwest-1:123456789012:profile/${ID}`, 'aws-cn', 'cn-northwest-1', 'profile'],
    [`arn:aws-us-gov:rolesanywhere:us-gov-west-1:123456789012:trust-anchor/${ID}`, 'aws-us-gov', 'us-gov-west-1', 'trust-anchor'],
    [`arn:aws-us-gov:rolesanywhere:us-gov-east-1:123456789012:crl/${ID}`, 'aws-us-gov', 'us-gov-east-1', 'crl'],
  ];
  it.each(valid)('parses %s', (text, partition, region, type) => {
    const arn = parseRolesAnywhereArn(text);
    expect(arn).toEqual({ partition, region, account: '123456789012', type, id: ID });
    expect(parseRolesAnywhereArn(text, type)).toEqual(arn);
    expect(formatRolesAnywhereArn(arn!)).toBe(text);
  });

  const invalid: [string, string][] = [
    ['empty', ''],
    ['not an ARN', 'trust-anchor/' + ID],
    ['unknown partition', `arn:gcp:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`],
    ['partition with a digit', `arn:aws1:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`],
    ['partition ending in a dash', `arn:aws-:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}`],
    ['other service', `arn:aws:iam:us-east-1:123456789012:trust-anchor/${ID}`],
    ['no region', `arn:aws:rolesanywhere::123456789012:trust-anchor/${ID}`],
    ['upper-case region', `arn:aws:rolesanywhere:US-EAST-1:123456789012:trust-anchor/${ID}`],
    ['region without number', `arn:aws:rolesanywhere:us-east:123456789012:trust-anchor/${ID}`],
    ['region word', `arn:aws:rolesanywhere:local:123456789012:trust-anchor/${ID}`],
    ['short account', `arn:aws:rolesanywhere:us-east-1:12345678901:trust-anchor/${ID}`],
    ['no account', `arn:aws:rolesanywhere:us-east-1::trust-anchor/${ID}`],
    ['letters in account', `arn:aws:rolesanywhere:us-east-1:12345678901a:trust-anchor/${ID}`],
    ['unknown resource type', `arn:aws:rolesanywhere:us-east-1:123456789012:anchor/${ID}`],
    ['no id', 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/'],
    ['no slash', `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor${ID}`],
    ['upper-case id', `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID.toUpperCase()}`],
    ['id not a UUID', 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/abc'],
    ['id with a suffix', `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${ID}/x`],
    ['too few fields', `arn:aws:rolesanywhere:us-east-1:trust-anchor/${ID}`],
  ];
  it.each(invalid)('refuses %s', (_, text) => {
    expect(parseRolesAnywhereArn(text)).toBeUndefined();
  });

  it('refuses an ARN of another type than asked for', () => {
    expect(parseRolesAnywhereArn(`arn:aws:rolesanywhere:us-east-1:123456789012:profile/${ID}`, 'trust-anchor')).toBeUndefined();
  });
});

describe('parseRoleArn', () => {
  const valid: [string, string, string][] = [
    ['arn:aws:iam::123456789012:role/app', 'aws', 'app'],
    ['arn:aws:iam::123456789012:role/path/to/app', 'aws', 'path/to/app'],
    ['arn:aws-cn:iam::123456789012:role/app', 'aws-cn', 'app'],
    ['arn:aws-us-gov:iam::123456789012:role/service-role/app+x=y,z.w@v-u_t', 'aws-us-gov', 'service-role/app+x=y,z.w@v-u_t'],
  ];
  it.each(valid)('parses %s', (text, partition, roleName) => {
    expect(parseRoleArn(text)).toEqual({ partition, account: '123456789012', roleName });
  });

  const invalid: [string, string][] = [
    ['a user', 'arn:aws:iam::123456789012:user/app'],
    ['a region', 'arn:aws:iam:us-east-1:123456789012:role/app'],
    ['no account', 'arn:aws:iam:::role/app'],
    ['no name', 'arn:aws:iam::123456789012:role/'],
    ['a path without name', 'arn:aws:iam::123456789012:role/path/'],
    ['an STS ARN', 'arn:aws:sts::123456789012:assumed-role/app/session'],
    ['bad partition', 'arn:azure:iam::123456789012:role/app'],
  ];
  it.each(invalid)('refuses %s', (_, text) => {
    expect(parseRoleArn(text)).toBeUndefined();
  });
});

describe('parseArn and formatArn', () => {
  it('keeps colons in the resource and round-trips', () => {
    const text = 'arn:aws:logs:us-east-1:123456789012:log-group:name:*';
    const arn = parseArn(text);
    expect(arn).toEqual({ partition: 'aws', service: 'logs', region: 'us-east-1', account: '123456789012', resource: 'log-group:name:*' });
    expect(formatArn(arn!)).toBe(text);
  });

  it('allows an empty region and account (global resources)', () => {
    expect(parseArn('arn:aws:s3:::bucket')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: 'bucket' });
  });

  it.each(['arn:aws:s3:::', 'ARN:aws:s3:::b', 'arn:aws:S3:::b', 'arn:aws:s3:bad_region::b'])('refuses %s', (text) => {
    expect(parseArn(text)).toBeUndefined();
  });
});

describe('isRegion', () => {
  it.each(['us-east-1', 'eu-central-2', 'ap-northeast-3', 'us-gov-west-1', 'cn-north-1', 'us-iso-east-1', 'us-isob-east-1', 'il-central-1'])('accepts %s', (region) => {
    expect(isRegion(region)).toBe(true);
  });
  it.each(['', 'Mars', 'EU', 'us-east', 'useast-1', 'us-east-1a', 'u-east-1', 'us_east_1', '-us-east-1'])('refuses %j', (region) => {
    expect(isRegion(region)).toBe(false);
  });
});
