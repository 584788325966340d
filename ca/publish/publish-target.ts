// The publish target from flags and what the CA remembers (issue #5): trust-anchor ARN
// (roles-anywhere.md §5 ARN format), region from the ARN, endpoint, CRL name (§3.1 name rule).
import { createHash } from 'node:crypto';
import { UsageError } from '../../errors.js';
import type { PublishTarget } from '../store/publish-store.js';

const TRUST_ANCHOR_ARN = /^arn:aws(?:-[a-z]+)*:rolesanywhere:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):trust-anchor\/([a-f0-9]{8}-(?:[a-z0-9]{4}-){3}[a-z0-9]{12})$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
const CRL_NAME = /^[ a-zA-Z0-9_-]{1,255}$/;

export interface TrustAnchorArnParts {
  region: string;
  account: string;
  trustAnchorId: string;
}

export function parseTrustAnchorArn(arn: string): TrustAnchorArnParts {
  const match = TRUST_ANCHOR_ARN.exec(arn);
  if (!match) {
    throw new UsageError('TRUST_ANCHOR_ARN_INVALID', `invalid --trust-anchor-arn: not a Roles Anywhere trust anchor ARN (${arn}). Copy it from "aws rolesanywhere list-trust-anchors", e.g. arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/<uuid>.`);
  }
  return { region: match[1]!, account: match[2]!, trustAnchorId: match[3]! };
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
  if (!REGION.test(region)) throw new UsageError('REGION_INVALID', `invalid --region: not a region name (${region}). Pass e.g. us-east-1.`);
  const endpoint = flags.endpoint ?? same?.endpoint;
  if (endpoint !== undefined) checkEndpoint(endpoint);
  const crlName = flags.name ?? same?.crlName ?? defaultCrlName(caCertificateDer);
  if (!CRL_NAME.test(crlName)) {
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
