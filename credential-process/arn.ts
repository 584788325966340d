// The three ARNs of a CreateSession call (roles-anywhere.md §1.1, §5): format checks and the
// region rule (the trust anchor's region, which the profile's must equal).
import { UsageError } from '../errors.js';

export interface SessionArns {
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
}

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(text: string): ParsedArn | undefined {
  const m = /^arn:(aws[a-z-]*):([a-z0-9-]+):([a-z0-9-]*):(\d{12})?:(.+)$/.exec(text);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4] ?? '', resource: m[5]! };
}

const UUID = /^[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}$/;

function requireArn(flag: string, value: string | undefined, check: (arn: ParsedArn) => boolean, example: string): ParsedArn {
  if (value === undefined || value === '') {
    throw new UsageError('MISSING_FLAG', `missing flag: --${flag} is required. Pass --${flag} ${example}.`);
  }
  const arn = parseArn(value);
  if (!arn || !check(arn)) {
    throw new UsageError('BAD_ARN', `invalid --${flag}: not a valid ARN of that kind (${value}). It looks like ${example}.`);
  }
  return arn;
}

function rolesAnywhereResource(kind: string): (arn: ParsedArn) => boolean {
  return (arn) =>
    arn.service === 'rolesanywhere' && arn.region !== '' && arn.account !== '' &&
    arn.resource.startsWith(`${kind}/`) && UUID.test(arn.resource.slice(kind.length + 1));
}

/** Validates the ARNs; returns the region CreateSession must be signed for and sent to. */
export function validateSessionArns(input: Partial<SessionArns>): { arns: SessionArns; region: string } {
  const anchor = requireArn('trust-anchor-arn', input.trustAnchorArn, rolesAnywhereResource('trust-anchor'), 'arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/UUID');
  const profile = requireArn('profile-arn', input.profileArn, rolesAnywhereResource('profile'), 'arn:aws:rolesanywhere:REGION:ACCOUNT:profile/UUID');
  requireArn('role-arn', input.roleArn, (arn) => arn.service === 'iam' && arn.region === '' && arn.resource.startsWith('role/'), 'arn:aws:iam::ACCOUNT:role/NAME');
  if (anchor.region !== profile.region) {
    throw new UsageError('ARN_REGION_MISMATCH', `invalid ARNs: trust anchor and profile regions don't match (${anchor.region}, ${profile.region}). Use a profile from the trust anchor's region.`);
  }
  if (anchor.account !== profile.account) {
    throw new UsageError('ARN_ACCOUNT_MISMATCH', `invalid ARNs: trust anchor and profile accounts don't match (${anchor.account}, ${profile.account}). Use a profile from the trust anchor's account.`);
  }
  return { arns: input as SessionArns, region: anchor.region };
}
