// Protocol strings of the X.509 variant of SigV4 (roles-anywhere.md §1.3-1.4).

export const SERVICE_NAME = 'rolesanywhere';
export const SCOPE_TERMINATOR = 'aws4_request';
export const ALGORITHM_RSA = 'AWS4-X509-RSA-SHA256';
export const ALGORITHM_ECDSA = 'AWS4-X509-ECDSA-SHA256';
/** ML-DSA-44/65/87 keys (since 2026-02-27): pure ML-DSA over the StringToSign, empty context. */
export const ALGORITHM_MLDSA = 'AWS4-X509-MLDSA';
export type SigningAlgorithm = typeof ALGORITHM_RSA | typeof ALGORITHM_ECDSA | typeof ALGORITHM_MLDSA;

export const HEADER_DATE = 'x-amz-date';
export const HEADER_X509 = 'x-amz-x509';
export const HEADER_X509_CHAIN = 'x-amz-x509-chain';
export const HEADER_HOST = 'host';
export const HEADER_CONTENT_TYPE = 'content-type';
export const HEADER_AUTHORIZATION = 'authorization';

/** Headers the official helper never signs (its `ignoredHeaderKeys`). */
export const UNSIGNED_HEADERS: ReadonlySet<string> = new Set(['authorization', 'user-agent', 'x-amzn-trace-id']);

export const SESSIONS_PATH = '/sessions';
