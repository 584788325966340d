// Control-plane authentication (roles-anywhere.md §7): every call must carry a SigV4 (HMAC)
// Authorization header; with access keys configured, it must verify against one of them and be
// dated within 15 minutes of the emulator's clock.
import { EmulatorServiceError } from '../errors.js';
import type { ReceivedRequest } from './http-exchange.js';
import { hasValidHmacSignature, INVALID_TOKEN_MESSAGE, readHmacAuthorization, requestHeader, SIGNATURE_MISMATCH_MESSAGE } from './hmac-signature.js';
import { signatureDateProblem } from './signature-date-window.js';

/** Access key id to secret access key. */
export type AccessKeys = ReadonlyMap<string, string>;

/** The error codes of one protocol for the three ways a control-plane signature fails. */
export interface AuthorizationErrors {
  missing: EmulatorServiceError;
  unknownKey: (accessKeyId: string) => EmulatorServiceError;
  badSignature: (accessKeyId: string) => EmulatorServiceError;
  /** X-Amz-Date outside the window; `message` is AWS's wording. */
  expired: (message: string) => EmulatorServiceError;
}

/** rest-json (Roles Anywhere) wording. */
export const REST_JSON_AUTHORIZATION_ERRORS: AuthorizationErrors = {
  missing: new EmulatorServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token', 'no SigV4 Authorization header'),
  unknownKey: (id) => new EmulatorServiceError('UnrecognizedClientException', 403, INVALID_TOKEN_MESSAGE, `unknown access key ${id}`),
  badSignature: (id) => new EmulatorServiceError('InvalidSignatureException', 403, SIGNATURE_MISMATCH_MESSAGE, `HMAC signature mismatch for access key ${id}`),
  expired: (message) => new EmulatorServiceError('InvalidSignatureException', 403, message),
};

/** Throws the error AWS gives when the request is not signed (or, with keys, not signed right). */
export function checkControlAuthorization(
  request: ReceivedRequest,
  keys: AccessKeys | undefined,
  now: Date,
  errors: AuthorizationErrors = REST_JSON_AUTHORIZATION_ERRORS,
): void {
  const auth = readHmacAuthorization(request);
  if (!auth) throw errors.missing;
  if (keys === undefined) return;
  const secret = keys.get(auth.accessKeyId);
  if (secret === undefined) throw errors.unknownKey(auth.accessKeyId);
  const dateProblem = signatureDateProblem(requestHeader(request, 'x-amz-date'), now);
  if (dateProblem !== undefined) throw errors.expired(dateProblem);
  if (!hasValidHmacSignature(request, auth, secret)) throw errors.badSignature(auth.accessKeyId);
}
