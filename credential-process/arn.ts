// The three ARNs of a CreateSession call (roles-anywhere.md §1.1, §5): format checks and the
// region rule (the trust anchor's region, which the profile's must equal).
import { UsageError } from '../errors.js';
import { parseRoleArn, parseRolesAnywhereArn } from '../roles-anywhere/arn.js';

export interface SessionArns {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
}

function requireArn<T>(flag: string, value: string | undefined, parse: (text: string) => T | undefined, example: string): T {
  if (value === undefined || value === '') {
    throw new UsageError('MISSING_FLAG', `missing flag: --${flag} is required. Pass --${flag} ${example}.`);
  }
  const arn = parse(value);
  if (arn === undefined) {
    throw new UsageError('ARN_INVALID', `invalid --${flag}: not a valid ARN of that kind (${value}). It looks like ${example}.`);
  }
  return arn;
}

/** Validates the ARNs; returns the region CreateSession must be signed for and sent to. */
export function validateSessionArns(input: Partial<SessionArns>): { arns: SessionArns; region: string } {
  const anchor = requireArn('trust-anchor-arn', input.trustAnchorArn, (text) => parseRolesAnywhereArn(text, 'trust-anchor'), 'arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/UUID');
  const profile = requireArn('profile-arn', input.profileArn, (text) => parseRolesAnywhereArn(text, 'profile'), 'arn:aws:rolesanywhere:REGION:ACCOUNT:profile/UUID');
  requireArn('role-arn', input.roleArn, parseRoleArn, 'arn:aws:iam::ACCOUNT:role/NAME');
  if (anchor.region !== profile.region) {
    throw new UsageError('ARN_REGION_MISMATCH', `invalid ARNs: trust anchor and profile regions don't match (${anchor.region}, ${profile.region}). Use a profile from the trust anchor's region.`);
  }
  if (anchor.account !== profile.account) {
    throw new UsageError('ARN_ACCOUNT_MISMATCH', `invalid ARNs: trust anchor and profile accounts don't match (${anchor.account}, ${profile.account}). Use a profile from the trust anchor's account.`);
  }
  return { arns: input as SessionArns, region: anchor.region };
}
