// Options of the in-process credential provider (`iamra/credentials`): the helper's flags in
// camelCase (official-helper.md §1.2), with certificate, key and intermediates as paths or contents.
import { UsageError } from '../../errors.js';
import { buildFlags } from '../args/flag-spec.js';
import { CREDENTIAL_FLAGS, type CredentialFlags } from '../args/flags.js';

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

/** An input given as contents, keyed by the label that stands in for its path in messages. */
export type InlineInputs = Map<string, Buffer>;

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

/** A path stays a path; PEM text or bytes become an inline input under `<name contents>`. */
function inputReference(name: string, value: string | Uint8Array | undefined, inline: InlineInputs): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && !PEM.test(value)) return value;
  const label = `<${name} contents>`;
  inline.set(label, typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value));
  return label;
}

/** The options as the helper's flag values (defaults from the same table), plus inline inputs. */
export function toFlagValues(options: RolesAnywhereProviderOptions): { values: CredentialFlags; inline: InlineInputs } {
  if (options === null || typeof options !== 'object') throw new UsageError('MISSING_FLAG', 'invalid fromRolesAnywhere options: an options object is required. Pass { certificate, privateKey, trustAnchorArn, profileArn, roleArn }.');
  const defaults = buildFlags(CREDENTIAL_FLAGS, () => undefined);
  const inline: InlineInputs = new Map();
  const values: CredentialFlags = {
    ...defaults,
    certificate: inputReference('certificate', options.certificate, inline),
    'private-key': inputReference('privateKey', options.privateKey, inline),
    intermediates: inputReference('intermediates', options.intermediates, inline),
    'trust-anchor-arn': options.trustAnchorArn,
    'profile-arn': options.profileArn,
    'role-arn': options.roleArn,
    // undefined keeps the default; anything else an untyped caller passes is checked as given.
    'session-duration': options.durationSeconds === undefined ? defaults['session-duration'] : options.durationSeconds,
    'role-session-name': options.sessionName,
    endpoint: options.endpoint,
    region: options.region,
    'pkcs8-password': options.pkcs8Password,
    'pkcs11-lib': options.pkcs11Lib,
    'reuse-pin': options.reusePin === true,
  };
  return { values, inline };
}
