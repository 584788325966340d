// `iamra policy explain` (issue 12): what CreateSession would decide for a certificate, a role
// trust policy and a trust anchor, with the service's own refusal where it refuses earlier. The
// rules are the emulator's (chain, end-entity, tags, source identity) and trust/'s evaluator, so
// the prediction and the emulator cannot drift apart.
import { checkSessionPolicyLimits, evaluateTrustPolicy, type PolicyDocument, type SessionPolicyLimitResult, type TrustDecision } from '../trust/index.js';
import {
  defaultRoleSessionName,
  derivePrincipalTags,
  sourceIdentityFor,
  trustPolicyContext,
  type AttributeMapping,
  type UntaggableAttribute,
} from '../roles-anywhere/index.js';
import { EmulatorServiceError, SESSION_MESSAGES } from '../emulator/errors.js';
import { failedAttributes } from '../emulator/service/session/authorize-session.js';
import { SessionCaches } from '../emulator/service/session/session-caches.js';
import { buildTrustedPath, endEntityProblem } from '../emulator/service/session/verify-chain.js';
import type { KeyAcceptanceOptions } from '../keys/key-acceptance.js';
import type { TrustAnchorRecord } from '../emulator/state/state-store.js';
import type { ParsedCertificate } from '../x509/parsed-certificate.js';
import { formatName } from '../x509/distinguished-name.js';
import { describeTrustDecision, type StatementReport } from './trust-decision-report.js';
import type { MlDsaEngine } from '../x509/ml-dsa-engine.js';

export type ExplainStage = 'certificate' | 'validity' | 'chain' | 'tags' | 'source-identity' | 'trust-policy' | 'session-policy';

export interface ExplainCheck {
  stage: ExplainStage;
  status: 'pass' | 'fail' | 'skipped';
  detail: string;
}

export interface Refusal {
  stage: ExplainStage;
  /** The error type and message the service answers with. */
  type: 'AccessDeniedException';
  message: string;
  reason: string;
}

export interface ExplainAccessInput {
  leaf: ParsedCertificate;
  intermediates: readonly ParsedCertificate[];
  /** PEM of the trust anchor's CA certificates; without it the chain is not checked. */
  anchorCertificatesPem?: string;
  trustAnchorArn: string;
  roleArn: string;
  policy: PolicyDocument;
  mappings: readonly AttributeMapping[];
  /** What the service does with a value that cannot be a tag. @default 'fail' (observed) */
  untaggable: 'fail' | 'drop';
  sessionPolicy?: string;
  managedPolicyArns?: readonly string[];
  now: Date;
  keyAcceptance: KeyAcceptanceOptions;
  /** Verifies ML-DSA certificates in the chain (issue 14); without it an ML-DSA chain is an ML_DSA_NOT_LOADED bug. */
  mlDsa?: MlDsaEngine;
}

export interface AccessExplanation {
  decision: 'allow' | 'deny';
  refusal?: Refusal;
  certificate: { subject: string; issuer: string; serialHex: string; notBefore: string; notAfter: string };
  checks: ExplainCheck[];
  principalTags: Record<string, string>;
  untaggable: Array<UntaggableAttribute & { dropped: boolean }>;
  sourceIdentity?: string;
  roleSessionName: string;
  trustPolicy: { isAllowed: boolean; actions: Array<{ action: string; decision: string; decidedBy?: number }>; statements: StatementReport[] };
  sessionPolicy?: SessionPolicyLimitResult;
}

export function explainAccess(input: ExplainAccessInput): AccessExplanation {
  const { leaf } = input;
  const checks: ExplainCheck[] = [];
  const refusals: Refusal[] = [];
  const unable = SESSION_MESSAGES.unableToAssumeRole(input.roleArn);
  const record = (stage: ExplainStage, failure: { message: string; reason: string } | undefined, passDetail: string) => {
    checks.push({ stage, status: failure ? 'fail' : 'pass', detail: failure ? failure.reason : passDetail });
    if (failure) refusals.push({ stage, type: 'AccessDeniedException', ...failure });
  };
  const problem = endEntityProblem(leaf, input.keyAcceptance);
  record('certificate', problem === undefined ? undefined : { message: SESSION_MESSAGES.untrustedCertificate, reason: problem }, 'v3, not a CA, digitalSignature, SHA-256 or stronger, supported key');
  record('validity', validityProblem(leaf, input.now), `valid until ${leaf.fields.notAfter.toISOString()}`);
  checkChain(input, checks, refusals);
  const derived = derivePrincipalTags(leaf.fields, input.mappings, 'fail');
  const untaggable = derived.untaggable.map((u) => ({ ...u, dropped: input.untaggable === 'drop' }));
  const tagFailure = input.untaggable === 'fail' && untaggable.length > 0
    ? { message: `${unable} Some attributes failed to be mapped into session tags. ${failedAttributes(derived.untaggable)}`, reason: untaggable.map((u) => `${u.field}/${u.name}: ${u.reason}`).join('; ') }
    : derived.tooMany ? { message: unable, reason: `the certificate maps to ${derived.tags.size} session tags, more than STS accepts` } : undefined;
  record('tags', tagFailure, `${derived.tags.size} principal tags${untaggable.length > 0 ? `; dropped: ${untaggable.map((u) => `${u.field}/${u.name}`).join(', ')}` : ''}`);
  const identity = sourceIdentityFor(leaf.fields.subject, leaf.fields.serialHex);
  record('source-identity', identity.ok ? undefined : { message: unable, reason: identity.reason }, identity.ok ? identity.sourceIdentity : '');
  const roleSessionName = defaultRoleSessionName(leaf.fields.serialHex);
  const decision = evaluateTrustPolicy(input.policy, {
    context: trustPolicyContext({ trustAnchorArn: input.trustAnchorArn, account: accountOf(input.trustAnchorArn), tags: derived.tags, sourceIdentity: identity.ok ? identity.sourceIdentity : '', roleSessionName }),
  });
  const trustPolicy = describeTrustDecision(decision);
  record('trust-policy', decision.isAllowed ? undefined : { message: unable, reason: trustPolicyReason(decision, trustPolicy.statements) }, 'allows sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity');
  const sessionPolicy = checkSessionPolicy(input, derived.tags, checks, refusals);
  const refusal = refusals[0];
  return {
    decision: refusal ? 'deny' : 'allow',
    ...(refusal ? { refusal } : {}),
    certificate: { subject: formatName(leaf.fields.subject), issuer: formatName(leaf.fields.issuer), serialHex: leaf.fields.serialHex, notBefore: leaf.fields.notBefore.toISOString(), notAfter: leaf.fields.notAfter.toISOString() },
    checks,
    principalTags: Object.fromEntries(derived.tags),
    untaggable,
    ...(identity.ok ? { sourceIdentity: identity.sourceIdentity } : {}),
    roleSessionName,
    trustPolicy,
    ...(sessionPolicy ? { sessionPolicy } : {}),
  };
}

function validityProblem(leaf: ParsedCertificate, now: Date): { message: string; reason: string } | undefined {
  const { notBefore, notAfter } = leaf.fields;
  if (now < notBefore) return { message: SESSION_MESSAGES.untrustedCertificate, reason: `the certificate is not valid before ${notBefore.toISOString()}` };
  if (now > notAfter) return { message: SESSION_MESSAGES.untrustedCertificate, reason: `the certificate expired at ${notAfter.toISOString()}` };
  return undefined;
}

/** The emulator's own path building, run against the given anchor certificates. */
function checkChain(input: ExplainAccessInput, checks: ExplainCheck[], refusals: Refusal[]): void {
  if (input.anchorCertificatesPem === undefined) {
    checks.push({ stage: 'chain', status: 'skipped', detail: 'no --anchor-certificate: the path to the trust anchor is not checked' });
    return;
  }
  const anchor = { trustAnchorArn: input.trustAnchorArn, source: { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: input.anchorCertificatesPem } } } as unknown as TrustAnchorRecord;
  try {
    const trusted = buildTrustedPath({ keyAcceptance: input.keyAcceptance, now: () => input.now }, new SessionCaches({ mlDsa: input.mlDsa }), {
      anchor,
      leaf: input.leaf,
      chainBase64: input.intermediates.map((c) => c.der.toString('base64')),
    });
    checks.push({ stage: 'chain', status: 'pass', detail: `${trusted.path.length - 1} certificate(s) up to the trust anchor` });
  } catch (error) {
    if (!(error instanceof EmulatorServiceError)) throw error;
    const reason = error.detail ?? error.message;
    checks.push({ stage: 'chain', status: 'fail', detail: reason });
    // The end-entity and validity checks already hold the same refusal when they failed.
    if (!refusals.some((r) => r.message === error.message)) refusals.push({ stage: 'chain', type: 'AccessDeniedException', message: error.message, reason });
  }
}

function checkSessionPolicy(input: ExplainAccessInput, tags: ReadonlyMap<string, string>, checks: ExplainCheck[], refusals: Refusal[]): SessionPolicyLimitResult | undefined {
  if (input.sessionPolicy === undefined && input.managedPolicyArns === undefined) return undefined;
  const result = checkSessionPolicyLimits({ sessionPolicy: input.sessionPolicy, managedPolicyArns: input.managedPolicyArns, sessionTags: tags });
  const [first] = result.problems;
  checks.push({ stage: 'session-policy', status: first ? 'fail' : 'pass', detail: first ? result.problems.map((p) => p.message).join('; ') : `${result.plainTextCharacters} characters, about ${result.packedPolicySizePercent}% packed` });
  if (first) refusals.push({ stage: 'session-policy', type: 'AccessDeniedException', message: `${SESSION_MESSAGES.unableToAssumeRole(input.roleArn)} ${first.stsMessage}`, reason: first.message });
  return result;
}

function trustPolicyReason(decision: TrustDecision, statements: readonly StatementReport[]): string {
  // Non-null: only called for a decision that is not allow, so some action was not allowed.
  const failed = decision.actions.find((a) => a.decision !== 'allow')!;
  // Non-null: an explicit deny always names the statement that decided it.
  if (failed.decision === 'explicit-deny') return `${failed.action} is denied by statement ${failed.decidedBy!.index}`;
  const unmet = statements.flatMap((s) => s.conditions.filter((c) => !c.isMet).map((c) => `statement ${s.index}: ${c.operator} ${c.key} ${JSON.stringify(c.values)} not met (request has ${c.contextValue === undefined ? 'no such key' : JSON.stringify(c.contextValue)})`));
  return unmet.length > 0 ? unmet.join('; ') : `no Allow statement grants ${failed.action} to rolesanywhere.amazonaws.com`;
}

function accountOf(arn: string): string {
  return arn.split(':')[4] ?? '';
}
