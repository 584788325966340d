// Test-only CreateSession server for the helper's end-to-end tests: verifies every request with
// the shared X.509 SigV4 steps (as the emulator does) and answers with fresh credentials, or with
// scripted failures (throttling, 5xx, service errors, hangs) the emulator cannot produce on demand.
import { randomBytes, verify, X509Certificate } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { canonicalHeaders, canonicalQuery, canonicalRequest, parseAuthorizationHeader, parseQueryString, payloadHash, stringToSign } from '../../../credential-process/sigv4-x509/index.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: IncomingMessage['headers'];
  body: string;
  /** Verification result: undefined when the signature verified. */
  problem?: string;
  serialDecimal?: string;
  chainLength: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (for timeouts). */
  hang?: boolean;
}

export interface SessionServer {
  url: string;
  requests: RecordedRequest[];
  /** Responses used in order before falling back to verified success. */
  script: ScriptedResponse[];
  /** Credentials handed out, newest last. */
  issued: Array<{ accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string }>;
  /** Lifetime of issued credentials in seconds; defaults to the requested duration. */
  lifetimeSeconds?: number;
  stop(): Promise<void>;
}

export interface SessionServerOptions {
  tls?: { certPem: string; keyPem: string };
  /** A fixed port (the official capture was sent to 127.0.0.1:8080); 0 picks a free one. */
  port?: number;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export function verifyRequest(req: IncomingMessage, body: string): Omit<RecordedRequest, 'method' | 'path' | 'query' | 'headers' | 'body'> {
  const chainHeader = req.headers['x-amz-x509-chain'];
  const chainLength = typeof chainHeader === 'string' ? chainHeader.split(',').length : 0;
  const fields = parseAuthorizationHeader(String(req.headers.authorization ?? ''));
  if (!fields) return { problem: 'no authorization', chainLength };
  const certificate = new X509Certificate(Buffer.from(String(req.headers['x-amz-x509']), 'base64'));
  const url = new URL(req.url ?? '/', 'http://x');
  const names = fields.signedHeaders.split(';');
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = String(req.headers[name] ?? '');
  const canonical = canonicalHeaders(headers, names);
  const request = canonicalRequest({
    method: req.method ?? 'POST',
    path: url.pathname,
    canonicalQuery: canonicalQuery(parseQueryString(url.search.slice(1))),
    canonicalHeaders: canonical.canonical,
    signedHeaders: canonical.signedHeaders,
    payloadHash: payloadHash(body),
  });
  const toSign = stringToSign({ algorithm: fields.algorithm, amzDate: String(req.headers['x-amz-date']), scope: fields.scope, canonicalRequest: request });
  const ok = verify('sha256', Buffer.from(toSign), certificate.publicKey, Buffer.from(fields.signature, 'hex'));
  const serialDecimal = BigInt(`0x${certificate.serialNumber}`).toString(10);
  if (!ok) return { problem: 'Invalid signature', serialDecimal, chainLength };
  if (serialDecimal !== fields.serialDecimal) return { problem: 'serial mismatch', serialDecimal, chainLength };
  return { serialDecimal, chainLength };
}

function respond(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

export async function startSessionServer(options: SessionServerOptions = {}): Promise<SessionServer> {
  const state: SessionServer = { url: '', requests: [], script: [], issued: [], stop: async () => undefined };
  const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const verification = verifyRequest(req, body);
    state.requests.push({ method: req.method ?? '', path: url.pathname, query: parseQueryString(url.search.slice(1)), headers: req.headers, body, ...verification });
    const scripted = state.script.shift();
    if (scripted?.hang) return;
    if (scripted) return respond(res, scripted.status, scripted.body ?? '', scripted.headers);
    if (verification.problem) return respond(res, 403, JSON.stringify({ message: verification.problem }), { 'x-amzn-errortype': 'AccessDeniedException' });
    const duration = state.lifetimeSeconds ?? (JSON.parse(body) as { durationSeconds: number }).durationSeconds;
    const credentials = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(60).toString('base64'),
      expiration: new Date(Date.now() + duration * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    state.issued.push(credentials);
    respond(res, 201, JSON.stringify({ credentialSet: [{ credentials, roleArn: 'arn:aws:iam::123456789012:role/test' }], subjectArn: 'arn:aws:rolesanywhere:us-east-1:123456789012:subject/x' }));
  };
  const server: Server = options.tls
    ? createHttpsServer({ cert: options.tls.certPem, key: options.tls.keyPem }, (req, res) => void handler(req, res))
    : createHttpServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  state.url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
