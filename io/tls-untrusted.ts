// The one error for an endpoint whose TLS certificate is not trusted (issue 9): the helper's
// CreateSession and the publisher's CRL calls fail alike, TLS_UNTRUSTED with exit 4, and both
// trust the PEM bundle that AWS_CA_BUNDLE names.
import { ServiceError } from '../errors.js';

/**
 * `operation` is the API call (CreateSession, ListCrls); `detail` is Node's code and message
 * (`DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate`); `host` is the endpoint's host:port.
 */
export function tlsUntrustedError(operation: string, detail: string, host: string, cause: unknown): ServiceError {
  // Node 24 appends advice about its own --use-system-ca flag, which an iamra user cannot pass.
  const reason = detail.replace(/; if the root CA is installed locally, try running Node\.js with --use-system-ca$/, '');
  return new ServiceError('TLS_UNTRUSTED', `${operation} failed: the TLS connection was refused, ${reason} (${host}). Set AWS_CA_BUNDLE to the CA that issued the endpoint's certificate.`, { cause });
}
