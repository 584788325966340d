// Signs a CreateSession request with an X.509 key (roles-anywhere.md §1.4): the composition
// of the steps, as the official helper does it (official-helper.md §2.1-2.2).
import type { SigningKey } from '../../keys/signing-key.js';
import { formatAmzDate } from './amz-date.js';
import { authorizationHeader } from './authorization-header.js';
import { canonicalHeaders } from './canonical-headers.js';
import { canonicalQuery, type QueryParameters } from './canonical-query.js';
import { canonicalRequest, payloadHash } from './canonical-request.js';
import { ALGORITHM_ECDSA, ALGORITHM_MLDSA, ALGORITHM_RSA, HEADER_AUTHORIZATION, HEADER_DATE, HEADER_HOST, HEADER_X509, HEADER_X509_CHAIN, type SigningAlgorithm } from './constants.js';
import { credentialScope, stringToSign } from './string-to-sign.js';

export interface SignRequestInput {
  method: string;
  /** Host as in the URL, port included when not the default. */
  host: string;
  path: string;
  query: QueryParameters;
  /** Extra headers to send and sign (e.g. content-type). */
  headers: Record<string, string>;
  body: string;
  /** DER of the end-entity certificate. */
  certificateDer: Uint8Array;
  /** Serial number of that certificate, as a non-negative big integer. */
  serialNumber: bigint;
  /** DER of intermediates, in bundle order; omitted from the request when empty. */
  chainDer: readonly Uint8Array[];
  key: SigningKey;
  region: string;
  /** The signing time (injectable so known-answer vectors can be reproduced). */
  now: Date;
}

export interface SignedRequest {
  /** Every header to send, Authorization included. */
  headers: Record<string, string>;
  /** The canonical query string, which is also the query to send. */
  queryString: string;
  /** For `--debug`: the canonical request and string to sign. */
  canonicalRequest: string;
  stringToSign: string;
}

export function algorithmFor(key: SigningKey): SigningAlgorithm {
  if (key.algorithm === 'ML-DSA') return ALGORITHM_MLDSA;
  return key.algorithm === 'RSA' ? ALGORITHM_RSA : ALGORITHM_ECDSA;
}

export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  const date = formatAmzDate(input.now);
  const headers: Record<string, string> = {
    ...input.headers,
    [HEADER_HOST]: input.host,
    [HEADER_DATE]: date.long,
    [HEADER_X509]: Buffer.from(input.certificateDer).toString('base64'),
  };
  // An empty chain header is rejected by the service: omit it when there is no chain.
  if (input.chainDer.length > 0) {
    headers[HEADER_X509_CHAIN] = input.chainDer.map((der) => Buffer.from(der).toString('base64')).join(',');
  }
  const queryString = canonicalQuery(input.query);
  const canonical = canonicalHeaders(headers);
  const request = canonicalRequest({
    method: input.method,
    path: input.path,
    canonicalQuery: queryString,
    canonicalHeaders: canonical.canonical,
    signedHeaders: canonical.signedHeaders,
    payloadHash: payloadHash(input.body),
  });
  const algorithm = algorithmFor(input.key);
  const scope = credentialScope(date.short, input.region);
  const toSign = stringToSign({ algorithm, amzDate: date.long, scope, canonicalRequest: request });
  const signature = (await input.key.sign(Buffer.from(toSign, 'utf8'), 'sha256')).toString('hex');
  headers[HEADER_AUTHORIZATION] = authorizationHeader({
    algorithm,
    serialDecimal: input.serialNumber.toString(10),
    scope,
    signedHeaders: canonical.signedHeaders,
    signature,
  });
  return { headers, queryString, canonicalRequest: request, stringToSign: toSign };
}
