// The verifier's side of step 1 (roles-anywhere.md §1.4): the canonical request rebuilt from a
// received request and the SignedHeaders its Authorization header names.
import { canonicalHeaders, type HeaderValues } from './canonical-headers.js';
import { canonicalQuery, parseQueryString } from './canonical-query.js';
import { canonicalRequest } from './canonical-request.js';

export interface ReceivedRequestParts {
  method: string;
  /** Path as received (percent-encoded once). */
  path: string;
  /** Query string as received, without the '?'. */
  rawQuery: string;
  headers: HeaderValues;
  /** `;`-joined names from the Authorization header. */
  signedHeaders: string;
  /** Lower-case hex SHA-256 of the body (or the client's x-amz-content-sha256). */
  payloadHash: string;
}

/** Only the headers the client listed are used, so extra unsigned headers never break a signature. */
export function receivedCanonicalRequest(parts: ReceivedRequestParts): string {
  const signed = canonicalHeaders(parts.headers, parts.signedHeaders.split(';'));
  return canonicalRequest({
    method: parts.method,
    path: parts.path,
    canonicalQuery: canonicalQuery(parseQueryString(parts.rawQuery)),
    canonicalHeaders: signed.canonical,
    signedHeaders: signed.signedHeaders,
    payloadHash: parts.payloadHash,
  });
}
