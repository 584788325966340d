// The one TLS error, the same on every Node: Node 24 adds advice about its own --use-system-ca
// flag to certificate errors, which the message leaves out (an iamra user cannot pass it).
import { describe, expect, it } from 'vitest';
import { tlsUntrustedError } from './tls-untrusted.js';

const EXPECTED = "ListCrls failed: the TLS connection was refused, DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate (127.0.0.1:8443). Set AWS_CA_BUNDLE to the CA that issued the endpoint's certificate.";

describe('tlsUntrustedError', () => {
  it.each([
    ['Node 20', 'DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate'],
    ['Node 24', 'DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate; if the root CA is installed locally, try running Node.js with --use-system-ca'],
  ])('words %s\'s error alike: TLS_UNTRUSTED, exit 4', (_, detail) => {
    const error = tlsUntrustedError('ListCrls', detail, '127.0.0.1:8443', undefined);
    expect([error.code, error.exitCode, error.message]).toEqual(['TLS_UNTRUSTED', 4, EXPECTED]);
  });
});
