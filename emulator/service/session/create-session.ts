// CreateSession (roles-anywhere.md §1): verified in the service's order, each decision logged
// with its reason while the client sees only the service's message.
import { randomUUID } from 'node:crypto';
import { accessDenied, EmulatorServiceError, SESSION_MESSAGES } from '../../errors.js';
import { checkSessionPolicyLimits } from '../../../trust/session-policy-limits.js';
import { resourceArn, type ServiceContext } from '../service-context.js';
import { recordSubject, subjectIdFor } from '../subjects.js';
import { defaultRoleSessionName } from '../../../roles-anywhere/trust-policy-context.js';
import { authorizeSession, type AuthorizedSession } from './authorize-session.js';
import { issueCredentials, type CreateSessionResponse } from './issue-credentials.js';
import type { SessionCaches } from './session-caches.js';
import { readSessionParameters } from './session-parameters.js';
import { sessionEvent, type SessionEventInput, type SessionTrace } from './session-event.js';
import type { SessionRequest } from './session-request.js';
import { buildTrustedPath, checkRevocation, findTrustAnchor } from './verify-chain.js';
import { verifySessionSignature } from './verify-signature.js';

export async function createSession(ctx: ServiceContext, caches: SessionCaches, request: SessionRequest): Promise<CreateSessionResponse> {
  const trace: SessionTrace = {};
  const record = (outcome: SessionEventInput['outcome']) =>
    ctx.recordEvent?.(sessionEvent(ctx, { request, trace, requestId: randomUUID(), eventId: randomUUID(), outcome }));
  try {
    const response = await verifyAndIssue(ctx, caches, request, trace);
    // Non-null: issueCredentials always returns exactly one credential set.
    const entry = response.credentialSet[0]!;
    ctx.log(`CreateSession allowed: ${entry.assumedRoleUser.arn} (source identity ${entry.sourceIdentity}, expires ${entry.credentials.expiration})`);
    record({ response });
    return response;
  } catch (error) {
    if (error instanceof EmulatorServiceError) {
      ctx.log(`CreateSession denied: ${error.status} ${error.type} "${error.message}": ${error.detail ?? 'request validation'}`);
      record({ error });
    }
    throw error;
  }
}

async function verifyAndIssue(ctx: ServiceContext, caches: SessionCaches, request: SessionRequest, trace: SessionTrace): Promise<CreateSessionResponse> {
  const signature = verifySessionSignature(ctx, caches, request);
  // The serial in whole bytes of hex: the form of the default session name.
  trace.serialHex = defaultRoleSessionName(signature.leaf.fields.serialHex);
  caches.throttle?.take(`${signature.leaf.id} from ${request.remoteAddress ?? 'unknown'}`, ctx.now().getTime());
  const params = readSessionParameters(request);
  trace.params = params;
  const anchor = await findTrustAnchor(ctx, params.trustAnchorArn);
  const trusted = buildTrustedPath(ctx, caches, { anchor, leaf: signature.leaf, chainBase64: signature.chainBase64 });
  await checkRevocation(ctx, caches, trusted);
  try {
    const session = await authorizeSession(ctx, caches, { params, anchor, leaf: signature.leaf, trace });
    const packedPolicySize = checkSessionPolicies(params.roleArn, session);
    const subjectArn = resourceArn(ctx, 'subject', subjectIdFor(ctx, signature.leaf.fields.subjectDer));
    const response = issueCredentials(ctx, {
      roleArn: params.roleArn,
      roleSessionName: session.roleSessionName,
      durationSeconds: session.durationSeconds,
      sourceIdentity: session.sourceIdentity,
      packedPolicySize,
      subjectArn,
    });
    await recordSubject(ctx, signature.leaf, { failed: false, instanceProperties: params.instanceProperties });
    // Non-null: issueCredentials always returns exactly one credential set.
    ctx.issuedCredentials.remember(response.credentialSet[0]!, ctx.now().getTime());
    return response;
  } catch (error) {
    await recordSubject(ctx, signature.leaf, { failed: true, instanceProperties: params.instanceProperties });
    throw error;
  }
}

/** STS's limits on the profile's session policies and the session tags, as AssumeRole applies them. */
function checkSessionPolicies(roleArn: string, session: AuthorizedSession): number {
  const { sessionPolicy, managedPolicyArns } = session.profile;
  const limits = checkSessionPolicyLimits({ sessionPolicy, managedPolicyArns, sessionTags: session.tags });
  const problem = limits.problems[0];
  if (problem) {
    throw accessDenied(`${SESSION_MESSAGES.unableToAssumeRole(roleArn)} ${problem.stsMessage}`, `session policy limits (${problem.code}): ${limits.problems.map((p) => p.message).join('; ')}`);
  }
  return limits.packedPolicySizePercent;
}
