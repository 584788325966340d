// The service's limits and value rules (roles-anywhere.md §1, §3.1, §4, §5, §6), written once for
// the helper, the CA's publisher and the emulator. Model patterns are kept as the service's own
// text because the emulator quotes them in its validation messages.

/** ImportCrl's crlData blob: 1..300,000 bytes (the CA compares the PEM it sends). */
export const MAX_CRL_BYTES = 300_000;
/** CRLs one trust anchor can hold. */
export const MAX_CRLS_PER_TRUST_ANCHOR = 2;
/** Certificates in one trust anchor's CERTIFICATE_BUNDLE. */
export const MAX_CERTIFICATES_PER_ANCHOR = 2;
/** x509CertificateData of a trust-anchor source, in characters (the current API model; older models said 16,000). */
export const MAX_ANCHOR_CERTIFICATE_DATA_LENGTH = 204_800;
/** Certificates in X-Amz-X509-Chain (and in a path the service builds). */
export const MAX_CHAIN_CERTIFICATES = 5;

/** CreateSession's and a profile's durationSeconds. */
export const MIN_SESSION_DURATION_SECONDS = 900;
export const MAX_SESSION_DURATION_SECONDS = 43_200;
/** The helper's --session-duration default and a new profile's durationSeconds. */
export const DEFAULT_SESSION_DURATION_SECONDS = 3600;
/** An IAM role's MaxSessionDuration: 3600..43200, 3600 unless set. */
export const MIN_ROLE_MAX_SESSION_DURATION_SECONDS = 3600;
export const DEFAULT_ROLE_MAX_SESSION_DURATION_SECONDS = 3600;

/** STS role session names: 2..64 of [\w+=,.@-]. */
export const ROLE_SESSION_NAME_MIN_LENGTH = 2;
export const ROLE_SESSION_NAME_MAX_LENGTH = 64;
export const ROLE_SESSION_NAME_PATTERN = '[\\w+=,.@-]*';

/** CreateSession's instanceProperties: at most 50 entries, keys and values 1..200 characters. */
export const MAX_INSTANCE_PROPERTIES = 50;
export const INSTANCE_PROPERTY_MAX_LENGTH = 200;

/** Principal tags: STS session tags (roles-anywhere.md §4.1). */
export const MAX_SESSION_TAGS = 50;
export const MAX_SESSION_TAG_VALUE_LENGTH = 256;
export const SESSION_TAG_VALUE_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
export const SOURCE_IDENTITY_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u;

/** Resource tags (TagResource and the tags of Create* requests). */
export const MAX_RESOURCE_TAGS = 200;
export const RESOURCE_TAG_KEY_MAX_LENGTH = 128;
export const RESOURCE_TAG_VALUE_MAX_LENGTH = 256;
export const RESOURCE_TAG_PATTERN = '[ a-zA-Z0-9_.:/=+@-]*';

/** Ids of trust anchors, profiles, CRLs and subjects (the service issues lower-case UUIDs). */
export const RESOURCE_ID_PATTERN = '[a-f0-9]{8}-([a-z0-9]{4}-){3}[a-z0-9]{12}';

/** Names of trust anchors, profiles and CRLs. */
export const RESOURCE_NAME_MAX_LENGTH = 255;
export const RESOURCE_NAME_PATTERN = '[ a-zA-Z0-9-_]*';

/** ARN members of requests: length and the model's (loose) patterns. */
export const MAX_ARN_LENGTH = 1011;
export const ROLE_ARN_MODEL_PATTERN = 'arn:aws(-[^:]+)?:iam(:.*){2}(:role.*)';
export const TRUST_ANCHOR_ARN_MODEL_PATTERN = 'arn:aws(-[^:]+)?:rolesanywhere(:.*){2}(:trust-anchor.*)';

/** The X-Amz-Date window the service allows (about five minutes either way). */
export const CLOCK_SKEW_SECONDS = 300;
