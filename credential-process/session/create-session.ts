// The CreateSession call (roles-anywhere.md §1.2-1.8): signs the request exactly as the official
// helper shapes it (official-helper.md §2.3), sends it, retries transient failures with
// jittered backoff and turns every failure into one clear IamraError.
import type { X509Certificate } from 'node:crypto';
import { VERSION } from '../../version.js';
import { RefusedError, ServiceError } from '../../errors.js';
import type { SigningKey } from '../../keys/signing-key.js';
import { HEADER_CONTENT_TYPE, HEADER_DATE } from '../sigv4-x509/constants.js';
import { signRequest } from '../sigv4-x509/sign-request.js';
import { parseCreateSessionResponse, type SessionCredentials } from '../credentials.js';
import type { SessionArns } from '../arn.js';
import { hostHeader, sessionsPath } from '../endpoint.js';
import { certificateTags } from '../../roles-anywhere/certificate-tags.js';
import { parseCertificateFields } from '../../x509/certificate-fields.js';
import { DerError } from '../../x509/der-reader.js';
import { TransportError, type HttpRequest, type HttpResponse } from './http-request.js';
import { tlsUntrustedError } from '../../io/tls-untrusted.js';
import { backoffMs, isRetryableStatus, isThrottling } from './retry.js';
import { hintFor, parseServiceError } from './service-error.js';

export interface SessionIdentity {
  key: SigningKey;
  certificate: X509Certificate;
  chain: readonly X509Certificate[];
}

/** What a CreateSession call asks for and how it is sent; planned once from flags and environment. */
export interface SessionRequestSettings {
  arns: SessionArns;
  region: string;
  endpoint: URL;
  durationSeconds: number;
  roleSessionName?: string;
  /** Transport settings copied into every attempt. */
  transport: Pick<HttpRequest, 'ca' | 'verifyTls' | 'proxy' | 'timeoutMs'>;
  maxAttempts: number;
}

export interface CreateSessionInput extends SessionRequestSettings {
  identity: SessionIdentity;
  send: (request: HttpRequest) => Promise<HttpResponse>;
  now: () => Date;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** --debug lines (never keys or credentials). */
  debug?: (line: string) => void;
}

type Attempt = { credentials: SessionCredentials } | { retryable: boolean; isThrottle: boolean; error: Error };

export async function createSession(input: CreateSessionInput): Promise<SessionCredentials> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptOnce(input);
    if ('credentials' in outcome) return outcome.credentials;
    if (!outcome.retryable || attempt >= input.maxAttempts) throw outcome.error;
    const delay = backoffMs(attempt, outcome.isThrottle, input.random());
    input.debug?.(`attempt ${attempt} failed (${outcome.error.message}); retrying in ${delay} ms`);
    await input.sleep(delay);
  }
}

function requestBody(input: CreateSessionInput): string {
  const body: Record<string, unknown> = { durationSeconds: input.durationSeconds };
  if (input.roleSessionName !== undefined) body.roleSessionName = input.roleSessionName;
  return JSON.stringify(body);
}

async function attemptOnce(input: CreateSessionInput): Promise<Attempt> {
  const { identity, arns, endpoint } = input;
  const body = requestBody(input);
  const path = sessionsPath(endpoint);
  const signed = await signRequest({
    method: 'POST',
    host: hostHeader(endpoint),
    path,
    query: [['profileArn', arns.profileArn], ['roleArn', arns.roleArn], ['trustAnchorArn', arns.trustAnchorArn]],
    headers: { [HEADER_CONTENT_TYPE]: 'application/json' },
    body,
    certificateDer: identity.certificate.raw,
    serialNumber: BigInt(`0x${identity.certificate.serialNumber}`),
    chainDer: identity.chain.map((c) => c.raw),
    key: identity.key,
    region: input.region,
    now: input.now(),
  });
  input.debug?.(`canonical request:\n${signed.canonicalRequest}\nstring to sign:\n${signed.stringToSign}`);
  const url = new URL(`${endpoint.protocol}//${endpoint.host}${path}?${signed.queryString}`);
  input.debug?.(`POST ${url.href}`);
  // Non-null: signRequest always sets X-Amz-Date (it is part of what is signed).
  const signedAt = signed.headers[HEADER_DATE]!;
  let response: HttpResponse;
  try {
    // User-Agent is sent but never signed, as in the official helper.
    response = await input.send({ ...input.transport, url, method: 'POST', headers: { ...signed.headers, 'user-agent': `iamra/${VERSION}` }, body });
  } catch (error) {
    return transportOutcome(error, url);
  }
  input.debug?.(`HTTP ${response.status}`);
  if (response.status >= 200 && response.status < 300) {
    const credentials = parseCreateSessionResponse(response.body);
    if (credentials) return { credentials };
    const error = new ServiceError('RESPONSE_INVALID', `CreateSession failed: the response holds no credentials (${url.host}). Check that --endpoint is a Roles Anywhere endpoint.`);
    return { retryable: false, isThrottle: false, error };
  }
  return serviceOutcome(response, input, signedAt);
}

function transportOutcome(error: unknown, url: URL): Attempt {
  if (!(error instanceof TransportError)) throw error;
  if (error.kind === 'tls') {
    return { retryable: false, isThrottle: false, error: tlsUntrustedError('CreateSession', error.message, url.host, error) };
  }
  const what = error.kind === 'timeout' ? 'timed out' : error.kind === 'proxy' ? 'proxy failure' : 'network error';
  const wrapped = new ServiceError('NETWORK_ERROR', `CreateSession failed: ${what}, ${error.message} (${url.host}). Check the network, the endpoint and HTTPS_PROXY/NO_PROXY.`, { cause: error });
  return { retryable: true, isThrottle: false, error: wrapped };
}

function serviceOutcome(response: HttpResponse, input: CreateSessionInput, signedAt: string): Attempt {
  const details = parseServiceError(response.status, response.headers, response.body);
  const code = details.code ?? `HTTP ${details.status}`;
  const isThrottle = isThrottling(details.status, details.code);
  if (isRetryableStatus(details.status, details.code)) {
    const errorCode = isThrottle ? 'SERVICE_THROTTLED' : 'SERVICE_UNAVAILABLE';
    const todo = isThrottle ? 'Retry later, or use --cache, serve or update to call CreateSession less often' : 'Retry later';
    const error = new ServiceError(errorCode, `CreateSession failed: ${code}: ${details.message} (${input.endpoint.host}). ${todo}.`);
    return { retryable: true, isThrottle, error };
  }
  const hint = hintFor(details, { tags: () => principalTagsOf(input.identity.certificate), signedAt: formatSignedAt(signedAt) });
  const error = new RefusedError('SESSION_REFUSED', `CreateSession refused: ${code}: ${details.message} (${input.endpoint.host}). ${hint}.`);
  return { retryable: false, isThrottle: false, error };
}

/** The refusal stands without its hint when our DER reader cannot map the certificate. */
function principalTagsOf(certificate: X509Certificate): string[] {
  try {
    return certificateTags(parseCertificateFields(certificate.raw));
  } catch (error) {
    if (error instanceof DerError) return [];
    throw error;
  }
}

function formatSignedAt(amzDate: string): string {
  return amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3 $4:$5:$6');
}
