// The publish target from flags and what the CA remembers (issue #5): trust-anchor ARN
// (roles-anywhere.md §5 ARN format), region from the ARN, endpoint, CRL name (§3.1 name rule).
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';
import type { PublishTarget } from '../store/publish-store.js';
import { isRegion, parseRolesAnywhereArn } from '../../roles-anywhere/arn.js';
import { RESOURCE_NAME_MAX_LENGTH, RESOURCE_NAME_PATTERN } from '../../roles-anywhere/service-limits.js';

const CRL_NAME = new RegExp(`^(?:${RESOURCE_NAME_PATTERN})$`);

export interface TrustAnchorArnParts {
  region: string;
  account: string;
  trustAnchorId: string;
}

export function parseTrustAnchorArn(arn: string): TrustAnchorArnParts {
  const parsed = parseRolesAnywhereArn(arn, 'trust-anchor');
  if (!parsed) {
    throw new UsageError('TRUST_ANCHOR_ARN_INVALID', `invalid --trust-anchor-arn: not a Roles Anywhere trust anchor ARN (${arn}). Copy it from "aws rolesanywhere list-trust-anchors", e.g. arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<uuid>.`);
  }
  return { region: parsed.region, account: parsed.account, trustAnchorId: parsed.id };
}

/** `iamra-` and the first 16 hex digits of the CA certificate's SHA-256: unique per CA. */
export function defaultCrlName(caCertificateDer: Buffer): string {
  return `iamra-${createHash('sha256').update(caCertificateDer).digest('hex').slice(0, 16)}`;
}

export interface TargetFlags {
  trustAnchorArn?: string;
  region?: string;
  endpoint?: string;
  name?: string;
  profile?: string;
}

/**
 * Flags win over the remembered target; a different trust-anchor ARN inherits nothing from it.
 * Throws UsageError when there is no ARN at all or a flag is malformed.
 */
export function resolveTarget(flags: TargetFlags, remembered: PublishTarget | undefined, caCertificateDer: Buffer): PublishTarget {
  const arn = flags.trustAnchorArn ?? remembered?.trustAnchorArn;
  if (arn === undefined) {
    throw new UsageError('PUBLISH_TARGET_MISSING', 'no publish target: this CA has never been published and --trust-anchor-arn is missing. Pass --trust-anchor-arn ARN once; later runs remember it.');
  }
  const parts = parseTrustAnchorArn(arn);
  const same = remembered?.trustAnchorArn === arn ? remembered : undefined;
  const region = flags.region ?? same?.region ?? parts.region;
  if (!isRegion(region)) throw new UsageError('REGION_INVALID', `invalid --region: not a region name (${region}). Pass e.g. us-east-1.`);
  const endpoint = flags.endpoint ?? same?.endpoint;
  if (endpoint !== undefined) checkEndpoint(endpoint);
  const crlName = flags.name ?? same?.crlName ?? defaultCrlName(caCertificateDer);
  if (crlName.length < 1 || crlName.length > RESOURCE_NAME_MAX_LENGTH || !CRL_NAME.test(crlName)) {
    throw new UsageError('CRL_NAME_INVALID', `invalid --name: a CRL name is 1-255 letters, digits, spaces, "-" or "_" (${crlName}). Choose another name.`);
  }
  const profile = flags.profile ?? same?.profile;
  return { trustAnchorArn: arn, region, crlName, ...(endpoint === undefined ? {} : { endpoint }), ...(profile === undefined ? {} : { profile }) };
}

function checkEndpoint(endpoint: string): void {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search !== '' || url.hash !== '') {
    throw new UsageError('ENDPOINT_INVALID', `invalid --endpoint: not an http(s) URL without query (${endpoint}). Pass e.g. https://rolesanywhere.us-east-1.amazonaws.com.`);
  }
}
