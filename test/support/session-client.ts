// Test client for CreateSession: signs with credential-process/sigv4-x509 (the helper's own
// steps) and sends over node:http(s) with full control of every header, Host included.
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { authorizationHeader, parseAuthorizationHeader } from '../../credential-process/sigv4-x509/authorization-header.js';
import { canonicalHeaders } from '../../credential-process/sigv4-x509/canonical-headers.js';
import { canonicalQuery, parseQueryString } from '../../credential-process/sigv4-x509/canonical-query.js';
import { canonicalRequest, payloadHash } from '../../credential-process/sigv4-x509/canonical-request.js';
import { signRequest } from '../../credential-process/sigv4-x509/sign-request.js';
import { stringToSign } from '../../credential-process/sigv4-x509/string-to-sign.js';
import { signingKeyFromKeyObject, type SigningKey } from '../../keys/signing-key.js';

export interface SessionSigner {
  certificateDer: Buffer;
  serialNumber: bigint;
  key: SigningKey;
  chainDer: Buffer[];
}

export function signerFromIdentity(identity: { certPem: string; keyPem: string }, chain: Array<{ certPem: string }> = []): SessionSigner {
  return signerFromPem(identity.certPem, identity.keyPem, chain.map((c) => c.certPem));
}

export function signerFromPem(certPem: string, keyPem: string, chainPems: string[] = []): SessionSigner {
  const certificate = new X509Certificate(certPem);
  const privateKey = createPrivateKey(keyPem);
  return {
    certificateDer: certificate.raw,
    serialNumber: BigInt(`0x${certificate.serialNumber}`),
    key: signingKeyFromKeyObject(privateKey, createPublicKey(privateKey)),
    chainDer: chainPems.map((pem) => new X509Certificate(pem).raw),
  };
}

export interface SessionInput {
  /** Emulator base URL. */
  url: string;
  signer: SessionSigner;
  trustAnchorArn?: string;
  profileArn?: string;
  roleArn?: string;
  /** JSON body fields. @default { durationSeconds: 3600 } */
  body?: Record<string, unknown>;
  /** Where the three ARNs go. @default 'query' (as the official helper does) */
  arnsIn?: 'query' | 'body';
  region?: string;
  now?: Date;
  /** Overrides the signed Host (the port is part of it). */
  host?: string;
}

export interface PreparedSession {
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export async function prepareSession(input: SessionInput): Promise<PreparedSession> {
  const arns: Array<[string, string]> = [];
  if (input.profileArn !== undefined) arns.push(['profileArn', input.profileArn]);
  if (input.roleArn !== undefined) arns.push(['roleArn', input.roleArn]);
  if (input.trustAnchorArn !== undefined) arns.push(['trustAnchorArn', input.trustAnchorArn]);
  const inBody = input.arnsIn === 'body';
  const bodyObject = { ...(inBody ? Object.fromEntries(arns) : {}), ...(input.body ?? { durationSeconds: 3600 }) };
  const body = JSON.stringify(bodyObject);
  const signed = await signRequest({
    method: 'POST',
    host: input.host ?? new URL(input.url).host,
    path: '/sessions',
    query: inBody ? [] : arns,
    headers: { 'content-type': 'application/json' },
    body,
    certificateDer: input.signer.certificateDer,
    serialNumber: input.signer.serialNumber,
    chainDer: input.signer.chainDer,
    key: input.signer.key,
    region: input.region ?? 'us-east-1',
    now: input.now ?? new Date(),
  });
  return { path: '/sessions', query: signed.queryString, headers: signed.headers, body };
}

export interface HttpAnswer {
  status: number;
  /** x-amzn-ErrorType, when the answer is an error. */
  errorType: string | undefined;
  json: Record<string, unknown>;
}

/** Sends exactly the given headers (Host included) to the emulator at `url`. */
export function sendRaw(url: string, prepared: PreparedSession, options: { ca?: string } = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      {
        host: target.hostname,
        port: target.port,
        method: 'POST',
        path: prepared.query ? `${prepared.path}?${prepared.query}` : prepared.path,
        headers: { ...prepared.headers, 'content-length': Buffer.byteLength(prepared.body) },
        ...(options.ca ? { ca: options.ca } : {}),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            errorType: res.headers['x-amzn-errortype'] as string | undefined,
            json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          });
        });
      },
    );
    req.on('error', reject);
    req.end(prepared.body);
  });
}

export async function callCreateSession(input: SessionInput, options: { ca?: string } = {}): Promise<HttpAnswer> {
  return sendRaw(input.url, await prepareSession(input), options);
}

/**
 * Re-signs a prepared request over exactly `signedHeaders` (to build requests a correct client
 * would never send, e.g. with host or x-amz-x509 left unsigned).
 */
export async function resign(prepared: PreparedSession, signer: SessionSigner, signedHeaders: string[]): Promise<void> {
  const auth = parseAuthorizationHeader(prepared.headers.authorization!)!;
  const { authorization: _drop, ...headers } = prepared.headers;
  const canonical = canonicalHeaders(headers, signedHeaders);
  const request = canonicalRequest({
    method: 'POST',
    path: prepared.path,
    canonicalQuery: canonicalQuery(parseQueryString(prepared.query)),
    canonicalHeaders: canonical.canonical,
    signedHeaders: canonical.signedHeaders,
    payloadHash: payloadHash(prepared.body),
  });
  const toSign = stringToSign({ algorithm: auth.algorithm, amzDate: headers['x-amz-date']!, scope: auth.scope, canonicalRequest: request });
  const signature = (await signer.key.sign(Buffer.from(toSign, 'utf8'))).toString('hex');
  prepared.headers.authorization = authorizationHeader({ ...auth, signedHeaders: canonical.signedHeaders, signature });
}
