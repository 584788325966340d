// The canonical request and its pieces (roles-anywhere.md §1.4 step 1).
import { createHash } from 'node:crypto';
import { uriEncode } from './uri-encode.js';

export interface CanonicalRequestParts {
  method: string;
  /** The request path as sent on the wire (percent-encoded once). */
  path: string;
  /** Output of `canonicalQuery`. */
  canonicalQuery: string;
  /** Output of `canonicalHeaders(...).canonical`. */
  canonicalHeaders: string;
  /** Output of `canonicalHeaders(...).signedHeaders`. */
  signedHeaders: string;
  /** Lower-case hex SHA-256 of the body, from `payloadHash`. */
  payloadHash: string;
}

export function payloadHash(body: Uint8Array | string): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Each path segment encoded again, as SigV4 does for every service but S3. */
export function canonicalUri(path: string): string {
  if (path === '') return '/';
  return path.split('/').map(uriEncode).join('/');
}

export function canonicalRequest(parts: CanonicalRequestParts): string {
  return [
    parts.method.toUpperCase(),
    canonicalUri(parts.path),
    parts.canonicalQuery,
    parts.canonicalHeaders,
    parts.signedHeaders,
    parts.payloadHash,
  ].join('\n');
}
