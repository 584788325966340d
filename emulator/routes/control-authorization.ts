// Control-plane authentication (roles-anywhere.md §7): every call must carry a SigV4 (HMAC)
// Authorization header for service rolesanywhere; with access keys configured, it must verify.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseAuthorizationHeader } from '../../credential-process/sigv4-x509/authorization-header.js';
import { payloadHash } from '../../credential-process/sigv4-x509/canonical-request.js';
import { receivedCanonicalRequest } from '../../credential-process/sigv4-x509/received-canonical-request.js';
import { stringToSign } from '../../credential-process/sigv4-x509/string-to-sign.js';
import { EmulatorServiceError } from '../errors.js';
import type { ReceivedRequest } from './http-exchange.js';

const HMAC_ALGORITHM = 'AWS4-HMAC-SHA256';

/** Access key id to secret access key. */
export type AccessKeys = ReadonlyMap<string, string>;

function header(request: ReceivedRequest, name: string): string | undefined {
  return request.headers.get(name)?.join(',');
}

/** Throws the error AWS gives when the request is not signed (or, with keys, not signed right). */
export function checkControlAuthorization(request: ReceivedRequest, keys: AccessKeys | undefined): void {
  const value = header(request, 'authorization');
  const auth = value === undefined ? undefined : parseAuthorizationHeader(value);
  if (!auth || auth.algorithm !== HMAC_ALGORITHM) {
    throw new EmulatorServiceError('MissingAuthenticationTokenException', 403, 'Missing Authentication Token', 'no SigV4 Authorization header');
  }
  if (keys === undefined) return;
  const secret = keys.get(auth.serialDecimal);
  if (secret === undefined) {
    throw new EmulatorServiceError('UnrecognizedClientException', 403, 'The security token included in the request is invalid.', `unknown access key ${auth.serialDecimal}`);
  }
  const [date = '', region = '', service = ''] = auth.scope.split('/');
  const canonical = receivedCanonicalRequest({
    ...request,
    headers: Object.fromEntries(request.headers),
    signedHeaders: auth.signedHeaders,
    payloadHash: header(request, 'x-amz-content-sha256') ?? payloadHash(request.body),
  });
  const toSign = stringToSign({ algorithm: HMAC_ALGORITHM, amzDate: header(request, 'x-amz-date') ?? '', scope: auth.scope, canonicalRequest: canonical });
  const key = [date, region, service, 'aws4_request'].reduce<Buffer>((k, part) => createHmac('sha256', k).update(part).digest(), Buffer.from(`AWS4${secret}`));
  const expected = createHmac('sha256', key).update(toSign).digest();
  const given = Buffer.from(auth.signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new EmulatorServiceError(
      'InvalidSignatureException',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      `HMAC signature mismatch for access key ${auth.serialDecimal}`,
    );
  }
}
