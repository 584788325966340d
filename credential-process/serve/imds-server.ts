// The IMDSv2-compatible endpoint of `serve` (official-helper.md §4.1): token PUT with a TTL header
// (X-Forwarded-For refused), role listing, and the credentials document, each route with and
// without a trailing slash; 401 without a valid token, 405 for other methods. Several roles are
// listed one per line; the container credentials routes share the listener. Before any route: a
// Host header that is not local is 403 (DNS rebinding), a request body 413 (never read).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { CredentialRefresher } from './credential-refresher.js';
import { isAllowedHost } from './allowed-host.js';
import { containerRole, CONTAINER_PATH, handleContainerRequest } from './container-endpoint.js';
import { hasRequestBody } from './request-body.js';
import { parseTokenTtl, TokenStore } from './token-store.js';

export const TOKEN_PATH = '/latest/api/token';
export const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials';
const TOKEN_HEADER = 'x-aws-ec2-metadata-token';
const TTL_HEADER = 'x-aws-ec2-metadata-token-ttl-seconds';

/** One role served: its IMDS role name (and container path segment) and its credentials. */
export interface ServedRole {
  name: string;
  roleArn: string;
  refresher: CredentialRefresher;
}

export interface ImdsServerOptions {
  roles: readonly ServedRole[];
  now: () => number;
  /** serve's --address: a Host header naming it (with the port) is served besides loopback names. */
  address: string;
  /** The container credentials protocol, when `--container-token-file` is given. */
  containerToken?: () => string | undefined;
}

/** 100 characters of base64 from 128 random bytes, as the official helper makes them. */
function newToken(): string {
  return randomBytes(128).toString('base64').slice(0, 100);
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers });
  res.end(body);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function createImdsServer(options: ImdsServerOptions): Promise<Server> {
  // node:http loads only for serve, not on the credential-process start path.
  const { createServer } = await import('node:http');
  const tokens = new TokenStore();
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    if (!isAllowedHost(req.headers.host, { localAddress: req.socket.localAddress, localPort: req.socket.localPort, configuredAddress: options.address })) {
      return send(res, 403, 'Forbidden: the Host header does not name this endpoint\n');
    }
    // Connection: close, so Node does not read the body to reuse the connection.
    if (hasRequestBody(req)) return send(res, 413, 'Payload Too Large: no request body is accepted\n', { connection: 'close' });
    // Non-null: split() returns at least one element.
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '');
    if (path === TOKEN_PATH) return handleToken(req, res, tokens, options);
    if (options.containerToken && (path === CONTAINER_PATH || path.startsWith(`${CONTAINER_PATH}/`))) {
      return handleContainerRequest(req, res, containerRole(path, options.roles), options.containerToken);
    }
    const role = options.roles.find((r) => path === `${CREDENTIALS_PATH}/${r.name}`);
    if (path === CREDENTIALS_PATH || role) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed\n', { allow: 'GET' });
      if (!tokens.isValid(header(req, TOKEN_HEADER), options.now())) return send(res, 401, 'Unauthorized\n');
      if (!role) return send(res, 200, options.roles.map((r) => r.name).join('\n'));
      return handleCredentials(res, role);
    }
    send(res, 404, 'Not Found\n');
  };
  const server = createServer(handler);
  // Answered as any request: with a body it is 413 and the client never gets 100 Continue.
  server.on('checkContinue', handler);
  return server;
}

function handleToken(req: IncomingMessage, res: ServerResponse, tokens: TokenStore, options: ImdsServerOptions): void {
  if (req.method !== 'PUT') return send(res, 405, 'Method Not Allowed\n', { allow: 'PUT' });
  // A forwarded request came through a proxy: IMDSv2 refuses it so SSRF cannot mint tokens.
  if (header(req, 'x-forwarded-for') !== undefined) return send(res, 400, 'Bad Request\n');
  const ttl = parseTokenTtl(header(req, TTL_HEADER));
  if (ttl === undefined) return send(res, 400, 'Bad Request: invalid token TTL\n');
  const token = newToken();
  tokens.add(token, ttl, options.now(), clientOf(req));
  send(res, 200, token, { [TTL_HEADER]: String(ttl) });
}

/** The client a token quota belongs to: its remote address (IPv4-mapped IPv6 as IPv4). */
function clientOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

function handleCredentials(res: ServerResponse, role: ServedRole): void {
  const served = role.refresher.current();
  // Never an empty or expired document: clients then fall through their provider chain.
  if (!served) return send(res, 503, 'Service Unavailable: no valid credentials\n');
  const { credentials, obtainedAt } = served;
  const document = {
    Code: 'Success',
    LastUpdated: new Date(obtainedAt).toISOString(),
    Type: 'AWS-HMAC',
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken,
    Expiration: credentials.expiration,
  };
  send(res, 200, `${JSON.stringify(document)}\n`, { 'content-type': 'application/json' });
}
