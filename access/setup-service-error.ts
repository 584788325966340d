// An AWS SDK failure during `iamra setup` as one IamraError: missing credentials (3), refused (1),
// unreachable or failing service (4), rejected input (3).
import { IamraError, InputError, RefusedError, ServiceError } from '../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
const GRANT = 'Grant rolesanywhere:ListTrustAnchors, CreateTrustAnchor, ListProfiles, CreateProfile, UpdateProfile and, with --create-role, iam:GetRole, CreateRole, UpdateAssumeRolePolicy, iam:PassRole (docs/policy.md)';

export function toSetupError(error: unknown, operation: string, where: string): unknown {
  if (error instanceof IamraError || typeof error !== 'object' || error === null) return error;
  const shape = error as { name?: unknown; message?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const message = typeof shape.message === 'string' ? shape.message.replace(/\s+/g, ' ').trim().slice(0, 300) : 'no message';
  if (name === 'CredentialsProviderError') {
    // The SDK's message can quote a credential_process command line: never shown.
    return new InputError('AWS_CREDENTIALS_MISSING', `cannot call ${operation}: the AWS SDK found no credentials (${where}). Set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.`, { cause: error });
  }
  if (status === 401 || status === 403 || name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new RefusedError('SETUP_ACCESS_DENIED', `${operation} refused: ${name}: ${message} (${where}). ${GRANT}.`, { cause: error });
  }
  if ((status !== undefined && (status >= 500 || status === 429)) || (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) || name === 'TimeoutError') {
    return new ServiceError('SETUP_SERVICE_FAILED', `${operation} failed: ${name}: ${message} (${where}). Check the network and --endpoint, then retry.`, { cause: error });
  }
  if (status !== undefined) {
    return new InputError('SETUP_REJECTED', `${operation} rejected the request: ${name}: ${message} (${where}). Check --region, --endpoint and the CA certificate.`, { cause: error });
  }
  return new ServiceError('SETUP_SERVICE_FAILED', `${operation} failed: ${name}: ${message} (${where}). Check --endpoint, then retry.`, { cause: error });
}
