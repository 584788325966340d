// CreateSession step 7 (roles-anywhere.md §1.6, §4): the profile and its roles, the duration
// rules, roleSessionName, principal tags, source identity and finally the role's trust policy.
import { derivePrincipalTags, type UntaggableAttribute } from '../../../roles-anywhere/principal-tags.js';
import { evaluateTrustPolicy } from '../../../trust/policy/evaluate-trust-policy.js';
import { explainDecision } from '../../../trust/policy/explain-decision.js';
import type { PolicyDocument } from '../../../trust/policy/policy-document.js';
import { sourceIdentityFor } from '../../../roles-anywhere/source-identity.js';
import { defaultRoleSessionName, trustPolicyContext } from '../../../roles-anywhere/trust-policy-context.js';
import { accessDenied, SESSION_MESSAGES } from '../../errors.js';
import type { ProfileRecord, TrustAnchorRecord } from '../../state/state-store.js';
import type { ParsedCertificate } from '../../../x509/parsed-certificate.js';
import { idFromArn, type ServiceContext } from '../service-context.js';
import type { SessionCaches } from './session-caches.js';
import type { SessionParameters } from './session-parameters.js';

export interface AuthorizedSession {
  profile: Readonly<ProfileRecord>;
  durationSeconds: number;
  roleSessionName: string;
  sourceIdentity: string;
  tags: Map<string, string>;
}

export interface AuthorizeInput {
  params: SessionParameters;
  anchor: Readonly<TrustAnchorRecord>;
  leaf: ParsedCertificate;
  /** Receives the principal tags once derived, for the event record. */
  trace?: { tags?: ReadonlyMap<string, string> };
}

export async function authorizeSession(ctx: ServiceContext, caches: SessionCaches, input: AuthorizeInput): Promise<AuthorizedSession> {
  const { params, leaf } = input;
  const roleArn = params.roleArn;
  const unable = (detail: string, suffix = '') => accessDenied(`${SESSION_MESSAGES.unableToAssumeRole(roleArn)}${suffix}`, detail);
  const profile = await requireSessionProfile(ctx, params);
  const role = await ctx.store.get('role', roleArn);
  if (!role) throw unable(`the emulator has no role ${roleArn}: define it with --roles or PUT /_iamra/roles`);
  const durationSeconds = Math.min(profile.durationSeconds, params.durationSeconds ?? profile.durationSeconds);
  if (durationSeconds > role.maxSessionDuration) {
    throw unable(
      `duration ${durationSeconds} s exceeds the role's MaxSessionDuration ${role.maxSessionDuration} s`,
      ' The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  if (params.roleSessionName !== undefined && !profile.acceptRoleSessionName) {
    throw accessDenied(SESSION_MESSAGES.roleSessionNameNotAllowed, `profile ${profile.profileArn} has acceptRoleSessionName false`);
  }
  const derived = derivePrincipalTags(leaf.fields, profile.attributeMappings, ctx.untaggable);
  if (input.trace) input.trace.tags = derived.tags;
  if (derived.untaggable.length > 0) {
    throw unable(
      derived.untaggable.map((u) => `${u.field}/${u.name}: ${u.reason}`).join('; '),
      ` Some attributes failed to be mapped into session tags. ${failedAttributes(derived.untaggable)}`,
    );
  }
  if (derived.tooMany) throw unable(`the certificate maps to ${derived.tags.size} session tags, more than STS accepts`);
  const identity = sourceIdentityFor(leaf.fields.subject, leaf.fields.serialHex);
  if (!identity.ok) throw unable(identity.reason);
  const roleSessionName = params.roleSessionName ?? defaultRoleSessionName(leaf.fields.serialHex);
  const { sourceIdentity } = identity;
  checkTrustPolicy(ctx, { roleArn, policy: () => caches.trustPolicy(role), anchor: input.anchor, tags: derived.tags, sourceIdentity, roleSessionName });
  return { profile, durationSeconds, roleSessionName, sourceIdentity, tags: derived.tags };
}

/** The profile must exist in this account and region, be enabled and list the role. */
async function requireSessionProfile(ctx: ServiceContext, params: SessionParameters): Promise<Readonly<ProfileRecord>> {
  const profileId = params.profileArn === undefined ? undefined : idFromArn(ctx, 'profile', params.profileArn);
  const profile = profileId === undefined ? undefined : await ctx.store.get('profile', profileId);
  if (!profile) {
    throw accessDenied(SESSION_MESSAGES.invalidProfile, `no profile ${params.profileArn ?? '(none given)'} in ${ctx.account}/${ctx.region}`);
  }
  if (!profile.enabled) throw accessDenied(SESSION_MESSAGES.invalidProfile, `profile ${profile.profileArn} is disabled`);
  if (!profile.roleArns.includes(params.roleArn)) {
    throw accessDenied(SESSION_MESSAGES.roleNotInProfile, `${params.roleArn} is not in the roleArns of ${profile.profileArn}`);
  }
  return profile;
}

interface TrustCheck {
  roleArn: string;
  policy: () => PolicyDocument;
  anchor: Readonly<TrustAnchorRecord>;
  tags: ReadonlyMap<string, string>;
  sourceIdentity: string;
  roleSessionName: string;
}

function checkTrustPolicy(ctx: ServiceContext, check: TrustCheck): void {
  const context = trustPolicyContext({
    trustAnchorArn: check.anchor.trustAnchorArn,
    account: ctx.account,
    sourceIdentity: check.sourceIdentity,
    roleSessionName: check.roleSessionName,
    tags: check.tags,
  });
  let decision;
  try {
    decision = evaluateTrustPolicy(check.policy(), { context });
  } catch (error) {
    throw accessDenied(SESSION_MESSAGES.unableToAssumeRole(check.roleArn), `the role's trust policy is invalid: ${(error as Error).message}`);
  }
  if (!decision.isAllowed) {
    throw accessDenied(SESSION_MESSAGES.unableToAssumeRole(check.roleArn), `trust policy: ${explainDecision(decision).join(' | ')}`);
  }
}

/** `Issuer: [ O ]; Subject: [ CN ]; SAN: [  ]`, the observed form (credential-helper#77). */
export function failedAttributes(untaggable: readonly UntaggableAttribute[]): string {
  const list = (field: string) => ` ${untaggable.filter((u) => u.field === field).map((u) => u.name).join(', ')} `;
  return `Issuer: [${list('x509Issuer')}]; Subject: [${list('x509Subject')}]; SAN: [${list('x509SAN')}]`;
}
