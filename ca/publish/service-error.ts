// Turns an AWS SDK failure into an IamraError (roles-anywhere.md §5 errors): 4 when a retry may
// help (throttling, 5xx, network), 1 when the service refuses us, 3 when it rejects our input.
import { IamraError, RefusedError, ServiceError, InputError, UsageError } from '../../errors.js';
import { tlsUntrustedError } from '../../io/tls-untrusted.js';

const AUTH_ERRORS = new Set([
  'AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'MissingAuthenticationTokenException',
  'ExpiredTokenException', 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'IncompleteSignature',
]);
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_REVOKED', 'CERT_UNTRUSTED',
]);
const NETWORK_CODES = new Set(['EPROTO', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  /** Set by the SDK when it could not deserialize the answer. */
  $response?: { statusCode?: number };
}

/** AWS's wording for a signature dated more than 15 minutes off its clock (roles-anywhere.md §7). */
const SIGNATURE_DATE_MESSAGE = /^Signature (expired|not yet current):/;
const SET_CLOCK = 'This machine\'s clock is more than 15 minutes off the service\'s: set it (NTP) and retry';

const GRANT = 'Grant rolesanywhere:ImportCrl, UpdateCrl, EnableCrl, ListCrls and GetCrl on the trust anchor\'s CRLs (docs/crl-publishing.md)';

/** One line, bounded: the service's message is shown, never anything of ours that is secret. */
function serviceMessage(error: SdkErrorShape): string {
  const text = typeof error.message === 'string' && error.message !== '' ? error.message : 'no message';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** host:port of an endpoint URL; anything else (a trust anchor ARN) as it is. */
function hostOf(where: string): string {
  try {
    return new URL(where).host || where;
  } catch {
    return where;
  }
}

/**
 * `operation` is the API name (ImportCrl); `where` names the target (endpoint or trust anchor);
 * `profile` the shared-config profile in use, if any.
 */
export function toPublishError(error: unknown, operation: string, where: string, profile?: string): IamraError | unknown {
  if (error instanceof IamraError || typeof error !== 'object' || error === null) return error;
  const shape = error as SdkErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const detail = `${name}: ${serviceMessage(shape)}`;
  if (name === 'CredentialsProviderError') {
    // The SDK's message can quote a credential_process command line, which may hold a secret.
    const message = profile === undefined
      ? `cannot call ${operation}: the AWS SDK's credential chain found no credentials (${where}). Set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`
      : `cannot call ${operation}: no credentials from profile "${profile}": it is missing, or its source (credential_process, SSO, keys) failed (${where}). Check the profile with "aws sts get-caller-identity --profile ${profile}".`;
    return new UsageError('AWS_CREDENTIALS_MISSING', message, { cause: error });
  }
  if (AUTH_ERRORS.has(name) || status === 401 || status === 403) {
    // The error type is that of a bad signature; only AWS's message tells a skewed clock apart.
    const next = SIGNATURE_DATE_MESSAGE.test(serviceMessage(shape)) ? SET_CLOCK : `${GRANT}, and check the credentials`;
    return new RefusedError('SERVICE_ACCESS_DENIED', `${operation} refused: ${detail} (${where}). ${next}.`, { cause: error });
  }
  if (THROTTLING_ERRORS.has(name) || status === 429) {
    return new ServiceError('SERVICE_THROTTLED', `${operation} throttled: ${detail} (${where}). Retry later; the CRL APIs allow about 1 call per second per account.`, { cause: error });
  }
  if (status !== undefined && status >= 500) {
    return new ServiceError('SERVICE_UNAVAILABLE', `${operation} failed: ${detail}, HTTP ${status} (${where}). Retry later.`, { cause: error });
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    return new InputError('SERVICE_NOT_FOUND', `${operation} failed: ${detail} (${where}). Check --trust-anchor-arn, --region and --endpoint.`, { cause: error });
  }
  if (status !== undefined) {
    return new InputError('SERVICE_REJECTED_INPUT', `${operation} rejected the request: ${detail} (${where}). Check the CRL and the trust anchor.`, { cause: error });
  }
  if (shape.$response !== undefined && status === undefined) {
    return new ServiceError('SERVICE_ANSWER_INVALID', `${operation} failed: the answer (HTTP ${shape.$response.statusCode ?? '?'}) is not a Roles Anywhere API answer (${where}). Check --endpoint.`, { cause: error });
  }
  if (typeof shape.code === 'string' && TLS_CODES.has(shape.code)) {
    // Worded as the helper's CreateSession failure, so both name the host and AWS_CA_BUNDLE alike.
    return tlsUntrustedError(operation, `${shape.code}: ${serviceMessage(shape)}`, hostOf(where), error);
  }
  if (name === 'AbortError') {
    return new ServiceError('SERVICE_TIMEOUT', `${operation} failed: no answer in time (${where}). Check the network and --endpoint, then retry.`, { cause: error });
  }
  if (name === 'TimeoutError' || (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code))) {
    const why = typeof shape.code === 'string' ? shape.code : name;
    return new ServiceError('SERVICE_UNREACHABLE', `${operation} failed: cannot reach the service: ${why} (${where}). Check the network and --endpoint, then retry.`, { cause: error });
  }
  return error;
}
