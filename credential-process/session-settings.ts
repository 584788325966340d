// Turns the shared credential flags (official-helper.md §1.2) into a checked session plan, and
// runs CreateSession from it. Every user error surfaces here, before any network call.
import { UsageError, InputError } from '../errors.js';
import type { FlagNamesOf } from './args/flag-spec.js';
import type { CREDENTIAL_FLAGS, CredentialFlags } from './args/flags.js';
import { validateSessionArns } from './arn.js';
import { isRegion } from '../roles-anywhere/arn.js';
import { DEFAULT_SESSION_DURATION_SECONDS, MAX_SESSION_DURATION_SECONDS, MIN_SESSION_DURATION_SECONDS } from '../roles-anywhere/service-limits.js';
import { isRoleSessionName } from '../roles-anywhere/role-session-name.js';
import type { HelperContext } from './context.js';
import type { SessionCredentials } from './credentials.js';
import { resolveEndpoint } from './endpoint.js';
import { resolvePkcs8Password } from './pkcs8-password.js';
import { redactPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';
import { assertCertificateCurrent, completeIdentity, openIdentity, readInput, type OpenedIdentity } from './identity.js';
import { createSession, type SessionRequestSettings } from './session/create-session.js';
import { sendHttpRequest } from './session/http-request.js';
import { selectProxy } from './session/proxy.js';
import { maxAttemptsFrom } from './session/retry.js';
import type { SigningKey } from '../keys/signing-key.js';

/** Per-attempt deadline; IAMRA_REQUEST_TIMEOUT_MS overrides it. */
export const REQUEST_TIMEOUT_MS = 10_000;

function requestTimeoutMs(env: HelperContext['env']): number {
  const text = env.IAMRA_REQUEST_TIMEOUT_MS;
  if (text === undefined || text === '') return REQUEST_TIMEOUT_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError('ENVIRONMENT_INVALID', `invalid environment: IAMRA_REQUEST_TIMEOUT_MS must be a positive integer (${text}). Fix or unset it.`);
  }
  return Number(text);
}

export interface SessionPlan extends SessionRequestSettings {
  identity: OpenedIdentity;
  certificatePath: string;
  isDebug: boolean;
}

/** A string flag, an empty one read as absent; the typeof check guards the provider's untyped JavaScript callers. */
function text(values: CredentialFlags, name: FlagNamesOf<typeof CREDENTIAL_FLAGS, 'string'>): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function checkSessionFlags(values: CredentialFlags): { durationSeconds: number; roleSessionName?: string } {
  const durationSeconds = values['session-duration'];
  if (durationSeconds < MIN_SESSION_DURATION_SECONDS || durationSeconds > MAX_SESSION_DURATION_SECONDS) {
    throw new UsageError('SESSION_DURATION_INVALID', `invalid --session-duration: must be from ${MIN_SESSION_DURATION_SECONDS} to ${MAX_SESSION_DURATION_SECONDS} seconds (${durationSeconds}). Pass e.g. --session-duration ${DEFAULT_SESSION_DURATION_SECONDS}.`);
  }
  const roleSessionName = text(values, 'role-session-name');
  if (roleSessionName !== undefined && !isRoleSessionName(roleSessionName)) {
    throw new UsageError('SESSION_NAME_INVALID', `invalid --role-session-name: 2-64 characters of letters, digits and +=,.@_- (${roleSessionName}). Pick another name.`);
  }
  return { durationSeconds, roleSessionName };
}

export async function planSession(values: CredentialFlags, ctx: HelperContext): Promise<SessionPlan> {
  const { arns, region: arnRegion } = validateSessionArns({
    trustAnchorArn: text(values, 'trust-anchor-arn'),
    profileArn: text(values, 'profile-arn'),
    roleArn: text(values, 'role-arn'),
  });
  const region = text(values, 'region') ?? arnRegion;
  if (!isRegion(region)) {
    throw new UsageError('REGION_INVALID', `invalid --region: not an AWS region name (${region}). Pass e.g. --region us-east-1.`);
  }
  const session = checkSessionFlags(values);
  const endpoint = resolveEndpoint({ region, endpoint: text(values, 'endpoint'), env: ctx.env }).url;
  const caPath = ctx.env.AWS_CA_BUNDLE;
  const ca = caPath ? readInput(caPath, 'AWS_CA_BUNDLE') : undefined;
  if (ca && !ca.toString('latin1').includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError('CA_BUNDLE_MALFORMED', `cannot read AWS_CA_BUNDLE: no PEM certificate in it (${caPath}). Point AWS_CA_BUNDLE at a PEM bundle.`);
  }
  const transport = { ca, verifyTls: values['no-verify-ssl'] !== true, proxy: selectProxy(endpoint, ctx.env), timeoutMs: requestTimeoutMs(ctx.env) };
  const maxAttempts = maxAttemptsFrom(ctx.env);
  const identity = await openIdentity(
    {
      certificate: text(values, 'certificate'),
      privateKey: text(values, 'private-key'),
      intermediates: text(values, 'intermediates'),
      pkcs8Password: resolvePkcs8Password({ password: text(values, 'pkcs8-password'), passwordFile: text(values, 'pkcs8-password-file'), env: ctx.env }),
      pkcs11Lib: text(values, 'pkcs11-lib'),
      isPinReused: values['reuse-pin'],
    },
    { prompt: ctx.prompt, stderr: ctx.stderr, readFile: ctx.readFile },
  );
  // Non-null: openIdentity refused a call with neither --certificate nor a pkcs11: --private-key.
  const certificatePath = redactPkcs11Uri((text(values, 'certificate') ?? text(values, 'private-key'))!);
  try {
    assertCertificateCurrent(identity.certificate, ctx.now(), certificatePath);
  } catch (error) {
    await identity.close();
    throw error;
  }
  return { arns, region, endpoint, ...session, transport, maxAttempts, identity, certificatePath, isDebug: values.debug === true };
}

export async function obtainCredentials(plan: SessionPlan, key: SigningKey, ctx: HelperContext): Promise<SessionCredentials> {
  return createSession({
    identity: completeIdentity(plan.identity, key),
    arns: plan.arns,
    region: plan.region,
    endpoint: plan.endpoint,
    durationSeconds: plan.durationSeconds,
    roleSessionName: plan.roleSessionName,
    transport: plan.transport,
    maxAttempts: plan.maxAttempts,
    send: sendHttpRequest,
    now: ctx.now,
    random: ctx.random,
    sleep: ctx.sleep,
    debug: plan.isDebug ? (line) => ctx.stderr(`iamra: debug: ${line}`) : undefined,
  });
}
