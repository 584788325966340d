// The AWS SDK's request handler for publishing through an HTTP proxy. The SDK for JavaScript v3
// ignores HTTPS_PROXY and HTTP_PROXY; the credential helper honours them (Go's rules, in
// credential-process/session/proxy.ts). When a proxy applies to the endpoint, publishing sends
// its calls through the helper's own HTTP client, so both take the same proxy, the same CA
// bundle and fail the same way.
import { HttpResponse, type HttpRequest as SdkRequest } from '@aws-sdk/protocol-http';
import { buildQueryString } from '@aws-sdk/querystring-builder';
import type { HttpHandlerOptions } from '@aws-sdk/types';
import { Readable } from 'node:stream';
import { sendHttpRequest, TransportError } from '../../credential-process/session/http-request.js';

/** A ListCrls page holds up to 50 CRLs of up to 300,000 bytes each, base64 in JSON. */
const LIST_CRLS_MAX_BYTES = 64 * 1024 * 1024;

export interface ProxiedHandlerOptions {
  proxy: URL;
  /** PEM of the CAs trusted for HTTPS, in place of Node's defaults. */
  caBundle?: Buffer;
  timeoutMs: number;
}

function requestUrl(request: SdkRequest): URL {
  const query = buildQueryString(request.query ?? {});
  const port = request.port === undefined ? '' : `:${request.port}`;
  return new URL(`${request.protocol}//${request.hostname}${port}${request.path}${query ? `?${query}` : ''}`);
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  // Roles Anywhere's operations are rest-json: every body the client builds is a string.
  throw new TypeError('the request body is a stream, which the proxied handler does not send');
}

/** Node's own error (its `code` says TLS, refused, ...), as the SDK's handler would have thrown it. */
function transportCause(error: unknown): unknown {
  if (!(error instanceof TransportError)) return error;
  const cause = error.cause as { code?: unknown } | undefined;
  if (cause && typeof cause.code === 'string') return cause;
  return Object.assign(new Error(error.message), { code: error.kind === 'timeout' ? 'ETIMEDOUT' : 'ECONNRESET', cause: error });
}

export class ProxiedRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(private readonly options: ProxiedHandlerOptions) {}

  async handle(request: SdkRequest, handlerOptions: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    // The SDK types its signal minimally; what arrives is the AbortSignal the publisher passed.
    const abortSignal = handlerOptions.abortSignal as AbortSignal | undefined;
    if (abortSignal?.aborted) throw Object.assign(new Error('Request aborted'), { name: 'AbortError' });
    const headers: Record<string, string> = {};
    // sendHttpRequest sets content-length itself.
    for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'content-length') headers[name] = value;
    const sent = sendHttpRequest({
      url: requestUrl(request), method: request.method, headers, body: bodyText(request.body), timeoutMs: this.options.timeoutMs,
      verifyTls: true, proxy: this.options.proxy, maxResponseBytes: LIST_CRLS_MAX_BYTES, ...(this.options.caBundle ? { ca: this.options.caBundle } : {}),
    });
    // An abort (a watcher stopping) answers at once; the exchange itself ends by its deadline.
    const aborted = new Promise<never>((_, reject) => {
      abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })), { once: true });
    });
    try {
      const answer = await Promise.race([sent, aborted]);
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return { response: new HttpResponse({ statusCode: answer.status, headers: responseHeaders, body: Readable.from([answer.body]) }) };
    } catch (error) {
      throw transportCause(error);
    }
  }

  destroy(): void {}
}
