// A CreateSession error response (rest-json, roles-anywhere.md §1.8): its code and message, and
// a hint at what usually causes it, so users can act without opening a support case.
import type { IncomingHttpHeaders } from 'node:http';
import { ROLES_ANYWHERE_SERVICE_PRINCIPAL } from '../../roles-anywhere/constants.js';
import { MAX_SESSION_DURATION_SECONDS, MIN_SESSION_DURATION_SECONDS, ROLE_SESSION_NAME_MAX_LENGTH, ROLE_SESSION_NAME_MIN_LENGTH } from '../../roles-anywhere/service-limits.js';

export interface ServiceErrorDetails {
  status: number;
  /** e.g. AccessDeniedException; undefined when the response named none. */
  code: string | undefined;
  message: string;
}

function stripNamespace(code: string): string {
  // Non-null: split() returns at least one element, and so does pop() on it.
  return code.split(':')[0]!.split('#').pop()!.trim();
}

export function parseServiceError(status: number, headers: IncomingHttpHeaders, body: Buffer): ServiceErrorDetails {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // A proxy or load balancer may answer with HTML; the status still tells what happened.
  }
  const header = headers['x-amzn-errortype'];
  const raw = (typeof header === 'string' ? header : undefined) ?? stringField(parsed, '__type') ?? stringField(parsed, 'code');
  const message = stringField(parsed, 'message') ?? stringField(parsed, 'Message') ?? `HTTP ${status}`;
  return { status, code: raw === undefined ? undefined : stripNamespace(raw), message: message.replace(/\s+/g, ' ').trim() };
}

function stringField(object: Record<string, unknown>, name: string): string | undefined {
  const value = object[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export interface HintContext {
  /** Principal tags of the certificate, for trust-policy refusals. */
  tags: () => string[];
  /** The X-Amz-Date the request was signed with. */
  signedAt: string;
}

/** What usually causes this error, as an instruction; matched on the service's documented wording. */
export function hintFor(details: ServiceErrorDetails, context: HintContext): string {
  const message = details.message.toLowerCase();
  if (message.includes('untrusted signing certificate')) {
    return 'The certificate does not chain to a CA certificate of the trust anchor: check the anchor, and pass the intermediates with --intermediates';
  }
  if (message.includes('invalid signature')) {
    return `Check this machine's clock (the request was signed at ${context.signedAt} UTC; the service allows about 5 minutes of skew) and that nothing between here and the service rewrites headers`;
  }
  if (message.includes('certificate revoked')) return 'The certificate is on a CRL of the trust anchor: issue a new certificate';
  if (message.includes('roleSessionName'.toLowerCase())) {
    return 'The profile does not accept custom session names: enable acceptRoleSessionName on the profile or drop --role-session-name';
  }
  if (message.includes('durationseconds exceeds')) return "Lower --session-duration to at most the role's MaxSessionDuration";
  if (message.includes('failed to be mapped') || message.includes('fail to be mapped')) {
    return `A certificate attribute is not a valid session tag value (letters, digits, spaces and _.:/=+-@ only); this certificate yields: ${context.tags().join(', ')}`;
  }
  if (message.includes('unable to assume role')) {
    return `The role's trust policy refused: it must trust ${ROLES_ANYWHERE_SERVICE_PRINCIPAL} for sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity, and its conditions must match this certificate's principal tags: ${context.tags().join(', ')}`;
  }
  if (message.includes('trust anchor')) return 'Check --trust-anchor-arn: the trust anchor must exist, be enabled and be in the region called';
  if (message.includes('profile')) return 'Check --profile-arn and --role-arn: the profile must exist, be enabled and list the role';
  if (details.code === 'ValidationException') {
    return `Check --session-duration (${MIN_SESSION_DURATION_SECONDS}-${MAX_SESSION_DURATION_SECONDS}) and --role-session-name (${ROLE_SESSION_NAME_MIN_LENGTH}-${ROLE_SESSION_NAME_MAX_LENGTH} characters of [\\w+=,.@-])`;
  }
  if (details.code === 'ResourceNotFoundException') return 'Check the ARNs and the region';
  return 'Check the trust anchor, profile and role configuration';
}
