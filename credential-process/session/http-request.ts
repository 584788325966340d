// One HTTP exchange for CreateSession over node:http/https: direct, through an HTTP proxy
// (absolute-form for http, a CONNECT tunnel for https), with a CA bundle, optional TLS
// verification and a deadline. Transport failures become TransportErrors.
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface HttpRequest {
  /** Full URL, query included. */
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Extra trusted CAs (AWS_CA_BUNDLE); undefined uses Node's defaults. */
  ca?: Buffer;
  verifyTls: boolean;
  proxy?: URL;
  /** @default MAX_RESPONSE_BYTES */
  maxResponseBytes?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type TransportFailure = 'timeout' | 'connect' | 'tls' | 'proxy' | 'reset';

export class TransportError extends Error {
  constructor(readonly kind: TransportFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const TLS_ERROR = /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|SSL|ALTNAME|HOSTNAME|PURPOSE/;

const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function classify(error: unknown): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (TLS_ERROR.test(code)) return new TransportError('tls', `${code}: ${message}`, { cause: error });
  const connectFailure = CONNECT_FAILURES[code];
  // Node's own text repeats the code and the address the message already names: say it in words.
  if (connectFailure !== undefined) return new TransportError('connect', `${code}: ${connectFailure}`, { cause: error });
  return new TransportError('reset', code ? `${code}: ${message}` : message, { cause: error });
}

function proxyAuthorization(proxy: URL): Record<string, string> {
  if (proxy.username === '') return {};
  const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return { 'proxy-authorization': `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function defaultPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** Opens a CONNECT tunnel through the proxy and starts TLS inside it. */
/** Network modules, loaded on first use: a cache hit never pays for TLS and HTTP (lean start). */
async function modules() {
  const [http, https, tls, net] = await Promise.all([import('node:http'), import('node:https'), import('node:tls'), import('node:net')]);
  return { httpRequest: http.request, httpsRequest: https.request, tlsConnect: tls.connect, isIP: net.isIP };
}

type NetworkModules = Awaited<ReturnType<typeof modules>>;

function tunnel(req: HttpRequest, proxy: URL, opened: Array<{ destroy(): void }>, m: NetworkModules): Promise<TLSSocket> {
  const { httpRequest, tlsConnect, isIP } = m;
  return new Promise((resolve, reject) => {
    const authority = `${req.url.hostname}:${defaultPort(req.url)}`;
    const connect = httpRequest({ host: proxy.hostname, port: defaultPort(proxy), method: 'CONNECT', path: authority, headers: { host: authority, ...proxyAuthorization(proxy) }, agent: false });
    opened.push(connect);
    connect.once('connect', (response: IncomingMessage, socket: Socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(new TransportError('proxy', `proxy ${proxy.host} answered CONNECT with HTTP ${response.statusCode}`));
        return;
      }
      // Node warns about an IP address as SNI name (RFC 6066), so only names are sent.
      const servername = isIP(req.url.hostname) === 0 ? req.url.hostname : undefined;
      opened.push(socket);
      const tls = tlsConnect({ socket, host: req.url.hostname, servername, ca: req.ca, rejectUnauthorized: req.verifyTls });
      opened.push(tls);
      tls.once('secureConnect', () => resolve(tls));
      tls.once('error', (error) => reject(classify(error)));
    });
    connect.once('error', (error) => reject(new TransportError('proxy', `cannot reach proxy ${proxy.host}: ${error.message}`, { cause: error })));
    connect.end();
  });
}

/** CreateSession answers are a few KB; anything far larger is not the service. */
export const MAX_RESPONSE_BYTES = 1 << 20;

function collect(request: ClientRequest, body: string, maxBytes: number): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    request.once('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          reject(new TransportError('reset', `response larger than ${maxBytes} bytes`));
          response.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.once('error', (error) => reject(classify(error)));
    });
    request.once('error', (error) => reject(classify(error)));
    request.end(body);
  });
}

export async function sendHttpRequest(req: HttpRequest): Promise<HttpResponse> {
  const m = await modules();
  const { httpRequest, httpsRequest } = m;
  const headers = { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
  const isHttps = req.url.protocol === 'https:';
  const path = `${req.url.pathname}${req.url.search}`;
  let timer: NodeJS.Timeout | undefined;
  let active: ClientRequest | undefined;
  // Everything opened for this exchange, destroyed at the end so no socket outlives it.
  const opened: Array<{ destroy(): void }> = [];
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new TransportError('timeout', `no response within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
  });
  const exchange = async (): Promise<HttpResponse> => {
    if (req.proxy && isHttps) {
      const socket = await tunnel(req, req.proxy, opened, m);
      // No agent: with one, Node ignores createConnection and dials (and resolves) the host itself.
      active = httpsRequest({ method: req.method, host: req.url.hostname, port: defaultPort(req.url), path, headers, createConnection: () => socket });
    } else if (req.proxy) {
      active = httpRequest({ method: req.method, host: req.proxy.hostname, port: defaultPort(req.proxy), path: req.url.href, headers: { ...headers, ...proxyAuthorization(req.proxy) }, agent: false });
    } else {
      const options = { method: req.method, host: req.url.hostname, port: defaultPort(req.url), path, headers, agent: false as const };
      active = isHttps ? httpsRequest({ ...options, ca: req.ca, rejectUnauthorized: req.verifyTls }) : httpRequest(options);
    }
    return collect(active, req.body, req.maxResponseBytes ?? MAX_RESPONSE_BYTES);
  };
  const pending = exchange();
  // When the deadline wins, the exchange still settles (its sockets are destroyed below): no unhandled rejection.
  pending.catch(() => undefined);
  deadline.catch(() => undefined);
  try {
    return await Promise.race([pending, deadline]);
  } finally {
    clearTimeout(timer);
    active?.destroy();
    for (const item of opened) item.destroy();
  }
}
