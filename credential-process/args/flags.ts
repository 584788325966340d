// The flag table of every helper command, named and defaulted exactly as aws_signing_helper's
// (official-helper.md §1.2), plus iamra's additions (--cache, --address); each table's parsed type
// (`ServeFlags`, ...) is derived from it.
import type { FlagSpec, FlagsOf } from './flag-spec.js';
import { DEFAULT_SESSION_DURATION_SECONDS, MAX_SESSION_DURATION_SECONDS, MIN_SESSION_DURATION_SECONDS } from '../../roles-anywhere/service-limits.js';

const KEY_SOURCE_FLAGS = [
  { name: 'certificate', kind: 'string', help: 'Path to the end-entity certificate (PEM or DER), a combined certificate+key PEM, a PKCS#12 file, or a pkcs11: URI' },
  { name: 'private-key', kind: 'string', help: 'Path to the private key (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8) or a pkcs11: URI; defaults to the --certificate file' },
  { name: 'pkcs8-password', kind: 'string', help: 'Password of an encrypted PKCS#8 key or a PKCS#12 file (visible to other users in ps: prefer --pkcs8-password-file or IAMRA_PKCS8_PASSWORD); prompted for on the terminal when needed and absent' },
  { name: 'pkcs8-password-file', kind: 'string', help: 'File holding the password of an encrypted PKCS#8 key or a PKCS#12 file (one trailing newline is ignored)' },
  { name: 'cert-selector', kind: 'string', help: 'Certificate selector for OS certificate stores', unsupported: 'OS certificate stores' },
  { name: 'system-store-name', kind: 'string', help: 'Windows certificate store name', unsupported: 'OS certificate stores' },
  { name: 'use-latest-expiring-certificate', kind: 'boolean', help: 'Pick the latest-expiring of several matching store certificates', unsupported: 'OS certificate stores' },
  { name: 'pkcs11-lib', kind: 'string', help: 'PKCS#11 module for pkcs11: URIs; defaults to p11-kit-proxy.so' },
  { name: 'reuse-pin', kind: 'boolean', help: 'Reuse the PKCS#11 user PIN as the context-specific PIN (keys with CKA_ALWAYS_AUTHENTICATE)' },
  { name: 'tpm-key-password', kind: 'string', help: 'TPM key password', unsupported: 'TPM keys' },
  { name: 'no-tpm-key-password', kind: 'boolean', help: 'The TPM key has no password', unsupported: 'TPM keys' },
  { name: 'debug', kind: 'boolean', help: 'Log the request, canonical request and string to sign to stderr (never keys or credentials)' },
] as const satisfies readonly FlagSpec[];

export const CREDENTIAL_FLAGS = [
  { name: 'role-arn', kind: 'string', help: 'Target role to assume' },
  { name: 'profile-arn', kind: 'string', help: 'Profile to pull policies from' },
  { name: 'trust-anchor-arn', kind: 'string', help: 'Trust anchor to use for authentication' },
  { name: 'session-duration', kind: 'integer', default: DEFAULT_SESSION_DURATION_SECONDS, help: `Duration, in seconds, for the resulting session (${MIN_SESSION_DURATION_SECONDS}-${MAX_SESSION_DURATION_SECONDS})` },
  { name: 'region', kind: 'string', help: 'Signing region; defaults to the region of the trust anchor ARN' },
  { name: 'endpoint', kind: 'string', help: 'Endpoint used to call CreateSession (e.g. https://rolesanywhere.us-east-1.amazonaws.com)' },
  { name: 'no-verify-ssl', kind: 'boolean', help: 'Skip TLS certificate verification of the endpoint (insecure)' },
  { name: 'with-proxy', kind: 'boolean', help: 'Use HTTPS_PROXY/NO_PROXY from the environment (always on, as in aws_signing_helper 1.5+)' },
  { name: 'role-session-name', kind: 'string', help: 'Role session name (the profile must accept custom session names)' },
  ...KEY_SOURCE_FLAGS,
  { name: 'intermediates', kind: 'string', help: 'Path to a PEM bundle of intermediate certificates, sent as X-Amz-X509-Chain' },
] as const satisfies readonly FlagSpec[];

export const CREDENTIAL_PROCESS_FLAGS = [
  ...CREDENTIAL_FLAGS,
  { name: 'cache', kind: 'boolean', help: 'Reuse credentials from an on-disk cache until 5 minutes before they expire (also IAMRA_CREDENTIAL_CACHE=1)' },
] as const satisfies readonly FlagSpec[];

export const SERVE_FLAGS = [
  ...CREDENTIAL_FLAGS,
  { name: 'port', kind: 'integer', default: 9911, help: 'Port to listen on (0 picks a free one)' },
  { name: 'hop-limit', kind: 'integer', default: 64, help: 'IP TTL / hop limit of responses (1 for IMDS parity)' },
  { name: 'address', kind: 'string', default: '127.0.0.1', help: 'Address to listen on; anything but loopback exposes credentials to the network' },
  { name: 'container-token-file', kind: 'string', help: 'Also answer the container credentials protocol at /v1/credentials, requiring the token in this file as the Authorization header' },
  { name: 'roles-config', kind: 'string', help: 'JSON file naming several roles to serve, each on /v1/credentials/NAME and as IMDS role NAME; command-line flags are their defaults' },
] as const satisfies readonly FlagSpec[];

export const UPDATE_FLAGS = [
  ...CREDENTIAL_FLAGS,
  { name: 'profile', kind: 'string', default: 'default', help: 'Profile of the shared credentials file to write' },
  { name: 'once', kind: 'boolean', help: 'Write the credentials once and exit instead of refreshing them' },
] as const satisfies readonly FlagSpec[];

export const SIGN_STRING_FLAGS = [
  ...KEY_SOURCE_FLAGS,
  { name: 'format', kind: 'string', default: 'json', help: 'Output format: json, text or bin' },
  { name: 'digest', kind: 'string', default: 'SHA256', help: 'Digest: SHA256, SHA384 or SHA512' },
] as const satisfies readonly FlagSpec[];

export const READ_CERTIFICATE_DATA_FLAGS = [
  { name: 'certificate', kind: 'string', help: 'Path to the certificate (PEM, DER or PKCS#12), or a pkcs11: URI (lists the token\'s certificates)' },
  { name: 'pkcs8-password', kind: 'string', help: 'Password of a PKCS#12 file' },
  { name: 'pkcs8-password-file', kind: 'string', help: 'File holding the password of a PKCS#12 file (one trailing newline is ignored)' },
  { name: 'cert-selector', kind: 'string', help: 'Certificate selector for OS certificate stores', unsupported: 'OS certificate stores' },
  { name: 'system-store-name', kind: 'string', help: 'Windows certificate store name', unsupported: 'OS certificate stores' },
  { name: 'pkcs11-lib', kind: 'string', help: 'PKCS#11 module for pkcs11: URIs; defaults to p11-kit-proxy.so' },
  { name: 'debug', kind: 'boolean', help: 'Log diagnostics to stderr' },
] as const satisfies readonly FlagSpec[];

export type CredentialFlags = FlagsOf<typeof CREDENTIAL_FLAGS>;
export type CredentialProcessFlags = FlagsOf<typeof CREDENTIAL_PROCESS_FLAGS>;
export type ServeFlags = FlagsOf<typeof SERVE_FLAGS>;
export type UpdateFlags = FlagsOf<typeof UPDATE_FLAGS>;
export type SignStringFlags = FlagsOf<typeof SIGN_STRING_FLAGS>;
export type ReadCertificateDataFlags = FlagsOf<typeof READ_CERTIFICATE_DATA_FLAGS>;
