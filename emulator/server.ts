// The HTTP(S) front of the emulator: POST /sessions, the control-plane routes and /_iamra/.
// IAM and STS (Query protocol) share the base URL, told apart by the SigV4 signing name.
// Routes read, call the service and render; one renderer writes every error.
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { IamraError } from '../errors.js';
import { EmulatorServiceError } from './errors.js';
import { checkControlAuthorization, type AccessKeys } from './routes/control-authorization.js';
import { matchControlRoute } from './routes/control-routes.js';
import type { ControlRateLimits } from './routes/control-rate-limits.js';
import { readRequest, sendError, sendJson, sendXml, type ReceivedRequest } from './routes/http-exchange.js';
import { handleQuery, queryNamespace, queryServiceOf, type QueryService } from './routes/query-routes.js';
import { queryResponseXml } from './routes/query-xml.js';
import { handleInternal, INTERNAL_HEALTH_PATH, INTERNAL_PREFIX } from './routes/internal-routes.js';
import type { ControlPlane } from './service/control-plane.js';
import type { ServiceContext } from './service/service-context.js';
import { createSession } from './service/session/create-session.js';
import type { SessionCaches } from './service/session/session-caches.js';
import { parseQueryString } from '../credential-process/sigv4-x509/canonical-query.js';


/** Room for X-Amz-X509 and X-Amz-X509-Chain with ML-DSA-87 certificates (issue 14). */
export const MAX_HEADER_BYTES = 128 * 1024;

export interface ServerDependencies {
  ctx: ServiceContext;
  control: ControlPlane;
  caches: SessionCaches;
  accessKeys: AccessKeys | undefined;
  /** With --enforce-rate-limits. */
  rateLimits: ControlRateLimits | undefined;
  tls: { key: string; cert: string } | undefined;
  /** A failure of the emulator's own environment (state file damaged, disk full), for the operator. */
  reportFailure: (line: string) => void;
}

export function createEmulatorServer(deps: ServerDependencies): Server {
  const handler = (message: IncomingMessage, response: ServerResponse): void => {
    handle(deps, message, response).catch((error: unknown) => {
      // A user error here is the emulator's own environment failing (its state file damaged or the
      // disk full): one line saying what to do, no stack; the client gets the service's 500.
      if (error instanceof IamraError) deps.reportFailure(`${message.method ?? ''} ${(message.url ?? '').split('?')[0]}: 500 InternalFailure: ${error.code}: ${error.message}`);
      else deps.ctx.log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendError(response, new EmulatorServiceError('InternalFailure', 500, 'Internal failure'));
      else response.destroy();
    });
  };
  // ML-DSA certificates and signatures are large (an ML-DSA-87 leaf is ~10 KB of base64 in
  // X-Amz-X509, its signature 9 KB of hex, five ML-DSA intermediates ~50 KB): above Node's 16 KiB.
  const options = { maxHeaderSize: MAX_HEADER_BYTES };
  return deps.tls ? createHttpsServer({ ...options, key: deps.tls.key, cert: deps.tls.cert }, handler) : createHttpServer(options, handler);
}

async function handle(deps: ServerDependencies, message: IncomingMessage, response: ServerResponse): Promise<void> {
  let request: ReceivedRequest | undefined;
  // The service's Date header, from the emulator's clock: clients (doctor) measure skew with it.
  response.setHeader('date', deps.ctx.now().toUTCString());
  let service: QueryService | undefined;
  try {
    request = await readRequest(message);
    service = queryServiceOf(request);
    if (service !== undefined) {
      const answer = await handleQuery(deps.ctx, deps.accessKeys, request, service);
      const requestId = randomUUID();
      sendXml(response, 200, queryResponseXml({ ...answer, requestId }), requestId);
      deps.ctx.log(`${service.toUpperCase()} ${answer.action}: 200`);
      return;
    }
    const answer = await dispatch(deps, request);
    sendJson(response, answer.status, answer.body);
  } catch (error) {
    if (!(error instanceof EmulatorServiceError)) throw error;
    if (request && !request.path.startsWith('/sessions')) {
      const what = service === undefined ? `${request.method} ${request.path}` : `${service.toUpperCase()} ${new URLSearchParams(request.body.toString('utf8')).get('Action') ?? '(no Action)'}`;
      deps.ctx.log(`${what}: ${error.status} ${error.type} "${error.message}"${error.detail ? `: ${error.detail}` : ''}`);
    }
    sendError(response, error, service === undefined ? undefined : queryNamespace(service));
  }
}

async function dispatch(deps: ServerDependencies, request: ReceivedRequest): Promise<{ status: number; body: unknown }> {
  if (request.method === 'POST' && request.path === '/sessions') {
    return { status: 201, body: await createSession(deps.ctx, deps.caches, request) };
  }
  if (request.path.startsWith(INTERNAL_PREFIX)) {
    // The admin routes change what CreateSession allows: as protected as the control plane.
    if (deps.accessKeys !== undefined && request.path !== INTERNAL_HEALTH_PATH) checkControlAuthorization(request, deps.accessKeys, deps.ctx.now());
    return handleInternal(deps.ctx, request);
  }
  const matched = matchControlRoute(request.method, request.path);
  if (!matched) {
    throw new EmulatorServiceError('UnknownOperationException', 404, 'Unknown operation', `${request.method} ${request.path}`);
  }
  checkControlAuthorization(request, deps.accessKeys, deps.ctx.now());
  deps.rateLimits?.take(request.path, deps.ctx.now().getTime());
  const body = parseBody(request.body);
  const result = await matched.route.handle(deps.control, { params: matched.params, query: parseQueryString(request.rawQuery), body });
  deps.ctx.log(`${request.method} ${request.path}: ${matched.route.status}`);
  return { status: matched.route.status, body: result };
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new EmulatorServiceError('SerializationException', 400, 'Invalid JSON in the request body');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorServiceError('SerializationException', 400, 'The request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}
