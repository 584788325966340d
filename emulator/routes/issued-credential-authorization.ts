// Authentication of calls signed with credentials the emulator issued (STS): the access key must
// be one CreateSession returned, X-Amz-Security-Token its session token, the credentials not
// expired, the signature dated within 15 minutes of the emulator's clock, and the SigV4 signature
// the one its secret gives. Errors in STS's codes and words.
import { EmulatorServiceError } from '../errors.js';
import type { IssuedCredential, IssuedCredentials } from '../service/sts/issued-credentials.js';
import type { ReceivedRequest } from './http-exchange.js';
import { hasValidHmacSignature, INVALID_TOKEN_MESSAGE, readHmacAuthorization, requestHeader, SIGNATURE_MISMATCH_MESSAGE } from './hmac-signature.js';
import { signatureDateProblem } from './signature-date-window.js';

export function authenticateIssuedCredential(request: ReceivedRequest, issued: IssuedCredentials, nowMs: number): Readonly<IssuedCredential> {
  const auth = readHmacAuthorization(request);
  if (!auth) throw new EmulatorServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token', 'no SigV4 Authorization header');
  const credential = issued.find(auth.accessKeyId);
  if (!credential) {
    throw new EmulatorServiceError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE, `access key ${auth.accessKeyId} was not issued by this emulator (or it restarted since)`);
  }
  if (requestHeader(request, 'x-amz-security-token') !== credential.sessionToken) {
    throw new EmulatorServiceError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE, `X-Amz-Security-Token is missing or not the session token of ${auth.accessKeyId}`);
  }
  if (credential.expiresAtMs <= nowMs) {
    throw new EmulatorServiceError('ExpiredToken', 403, 'The security token included in the request is expired', `${auth.accessKeyId} expired at ${new Date(credential.expiresAtMs).toISOString()}`);
  }
  const dateProblem = signatureDateProblem(requestHeader(request, 'x-amz-date'), new Date(nowMs));
  if (dateProblem !== undefined) throw new EmulatorServiceError('SignatureDoesNotMatch', 403, dateProblem);
  if (!hasValidHmacSignature(request, auth, credential.secretAccessKey)) {
    throw new EmulatorServiceError('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_MESSAGE, `HMAC signature mismatch for ${auth.accessKeyId}`);
  }
  return credential;
}
