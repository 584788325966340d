// Public types of `iamra/credentials` (copied to dist/credentials.d.ts by build.mjs); checked
// against the implementation by test/types/credentials-types.ts.

export interface RolesAnywhereProviderOptions {
  /** End-entity certificate, combined PEM or PKCS#12: a file path, PEM text, or DER/PKCS#12 bytes. Re-read at every refresh. */
  certificate: string | Uint8Array;
  /** Private key (PKCS#1, SEC1, PKCS#8, encrypted PKCS#8): a path, PEM text or DER bytes, or a `pkcs11:` URI (the certificate may be one too). @default the certificate input */
  privateKey?: string | Uint8Array;
  /** PEM bundle of intermediate CAs, sent as X-Amz-X509-Chain: a path or PEM text. */
  intermediates?: string | Uint8Array;
  trustAnchorArn: string;
  profileArn: string;
  roleArn: string;
  /** Session lifetime in seconds (900-43200). @default 3600 */
  durationSeconds?: number;
  /** roleSessionName (the profile must accept custom names). */
  sessionName?: string;
  /** CreateSession endpoint. @default https://rolesanywhere.REGION.amazonaws.com */
  endpoint?: string;
  /** Signing region. @default the trust anchor ARN's region */
  region?: string;
  /** Password of an encrypted PKCS#8 key or a PKCS#12 file. */
  pkcs8Password?: string;
  /** PKCS#11 module for `pkcs11:` URIs (--pkcs11-lib). @default the URI's module-path, else p11-kit's proxy */
  pkcs11Lib?: string;
  /** Log in again with the user PIN for keys with CKA_ALWAYS_AUTHENTICATE (--reuse-pin); there is no prompt in a library. */
  reusePin?: boolean;
  /** Refresh this many seconds before the credentials expire. @default 300 */
  refreshBeforeExpirySeconds?: number;
  /** Environment for AWS_CA_BUNDLE, proxies, AWS_ENDPOINT_URL_ROLESANYWHERE. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Receives warnings (an RSA-1024 key). @default console.warn */
  warn?: (line: string) => void;
}

export interface RolesAnywhereCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type RolesAnywhereCredentialProvider = () => Promise<RolesAnywhereCredentials>;

/** A credential provider for any AWS SDK v3 client; errors are IamraErrors with the helper's codes. */
export declare function fromRolesAnywhere(options: RolesAnywhereProviderOptions): RolesAnywhereCredentialProvider;

export declare class IamraError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode: number, options?: { cause?: unknown });
}
/** Policy, revocation, expiry, or the service said no (SESSION_REFUSED, CERT_EXPIRED). */
export declare class RefusedError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown });
}
/** Bad options (MISSING_FLAG, SESSION_DURATION_INVALID, REGION_INVALID). */
export declare class UsageError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown });
}
/** Bad input files (KEY_WRONG_PASSPHRASE, KEY_CERT_MISMATCH, FILE_UNREADABLE). */
export declare class InputError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown });
}
/** Network or service failures worth retrying (NETWORK_ERROR, SERVICE_THROTTLED). */
export declare class ServiceError extends IamraError {
  constructor(code: string, message: string, options?: { cause?: unknown });
}
