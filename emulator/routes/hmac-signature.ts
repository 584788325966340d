// SigV4 (AWS4-HMAC-SHA256) on the verifier's side, for every HMAC-signed call the emulator takes
// (control plane, IAM, STS): the canonical request is rebuilt with credential-process/sigv4-x509,
// the project's single canonicaliser, from the SignedHeaders received.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAuthorizationHeader } from '../../credential-process/sigv4-x509/authorization-header.js';
import { payloadHash } from '../../credential-process/sigv4-x509/canonical-request.js';
import { receivedCanonicalRequest } from '../../credential-process/sigv4-x509/received-canonical-request.js';
import { stringToSign } from '../../credential-process/sigv4-x509/string-to-sign.js';
import type { ReceivedRequest } from './http-exchange.js';

export const HMAC_ALGORITHM = 'AWS4-HMAC-SHA256';

export interface HmacAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD/region/service/aws4_request` */
  scope: string;
  date: string;
  region: string;
  /** The signing name: `rolesanywhere`, `iam`, `sts`. */
  service: string;
  signedHeaders: string;
  signature: string;
}

export function requestHeader(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.get(name)?.join(',');
}

/** The request's HMAC Authorization header; undefined when there is none or it is of another form. */
export function readHmacAuthorization(request: ReceivedRequest): HmacAuthorization | undefined {
  const value = requestHeader(request, 'authorization');
  const auth = value === undefined ? undefined : parseAuthorizationHeader(value);
  if (!auth || auth.algorithm !== HMAC_ALGORITHM) return undefined;
  const [date = '', region = '', service = ''] = auth.scope.split('/');
  return { accessKeyId: auth.serialDecimal, scope: auth.scope, date, region, service, signedHeaders: auth.signedHeaders, signature: auth.signature };
}

/** Whether the signature is the one `secret` gives over the received request. */
export function hasValidHmacSignature(request: ReceivedRequest, auth: HmacAuthorization, secret: string): boolean {
  const canonical = receivedCanonicalRequest({
    ...request,
    headers: Object.fromEntries(request.headers),
    signedHeaders: auth.signedHeaders,
    payloadHash: requestHeader(request, 'x-amz-content-sha256') ?? payloadHash(request.body),
  });
  const toSign = stringToSign({ algorithm: HMAC_ALGORITHM, amzDate: requestHeader(request, 'x-amz-date') ?? '', scope: auth.scope, canonicalRequest: canonical });
  const key = [auth.date, auth.region, auth.service, 'aws4_request'].reduce<Buffer>(
    (k, part) => createHmac('sha256', k).update(part).digest(),
    Buffer.from(`AWS4${secret}`),
  );
  const expected = createHmac('sha256', key).update(toSign).digest();
  const given = /^[0-9a-f]{64}$/.test(auth.signature) ? Buffer.from(auth.signature, 'hex') : Buffer.alloc(0);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
