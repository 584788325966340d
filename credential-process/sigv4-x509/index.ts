// The X.509 SigV4 steps, shared by the credential helper (signing) and the emulator (verifying).
export { formatAmzDate, parseAmzDate, type AmzDate } from './amz-date.js';
export { authorizationHeader, parseAuthorizationHeader, type AuthorizationFields } from './authorization-header.js';
export { canonicalHeaders, type CanonicalHeaders, type HeaderValues } from './canonical-headers.js';
export { canonicalQuery, parseQueryString, type QueryParameters } from './canonical-query.js';
export { canonicalRequest, canonicalUri, payloadHash, type CanonicalRequestParts } from './canonical-request.js';
export {
  ALGORITHM_ECDSA,
  ALGORITHM_RSA,
  HEADER_X509,
  HEADER_X509_CHAIN,
  SERVICE_NAME,
  SESSIONS_PATH,
  UNSIGNED_HEADERS,
  type SigningAlgorithm,
} from './constants.js';
export { algorithmFor, signRequest, type SignRequestInput, type SignedRequest } from './sign-request.js';
export { receivedCanonicalRequest, type ReceivedRequestParts } from './received-canonical-request.js';
export { credentialScope, stringToSign, type StringToSignInput } from './string-to-sign.js';
