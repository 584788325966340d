// A plain HTTP reverse proxy in front of the emulator that records every request line, so tests
// can count the calls a command made ("sends once", "the service sees no request"), can
// throttle the first requests as the service does, and can hold an answer back (a crash test
// kills the client between the service doing a call and the client hearing of it).
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
}

export interface CountingProxy {
  url: string;
  requests: SeenRequest[];
  /** Requests whose method and path match, e.g. count('POST', /^\/crls$/). */
  count(method: string, path: RegExp): number;
  /**
   * Awaited after the emulator answered a request and before the answer goes back to the client;
   * set and cleared by a test.
   */
  beforeAnswer: ((request: SeenRequest) => Promise<void>) | undefined;
  stop(): Promise<void>;
}

export interface CountingProxyOptions {
  /** Answer the first N requests as the service does when throttling, without forwarding them. */
  throttleFirst?: number;
}

export async function startCountingProxy(targetUrl: string, options: CountingProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const requests: SeenRequest[] = [];
  const proxy: Pick<CountingProxy, 'beforeAnswer'> = { beforeAnswer: undefined };
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    const seen = { method: incoming.method ?? '', path: (incoming.url ?? '').split('?')[0] ?? '' };
    requests.push(seen);
    if (requests.length <= (options.throttleFirst ?? 0)) {
      incoming.resume();
      const body = JSON.stringify({ message: 'Rate exceeded' });
      outgoing.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException', 'content-length': Buffer.byteLength(body) });
      outgoing.end(body);
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: incoming.headers, agent: false },
      (answer) => {
        const hold = proxy.beforeAnswer?.(seen) ?? Promise.resolve();
        void hold.then(() => {
          if (outgoing.destroyed) return answer.resume();
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign<typeof proxy, Omit<CountingProxy, 'beforeAnswer'>>(proxy, {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (method: string, path: RegExp) => requests.filter((r) => r.method === method && path.test(r.path)).length,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  });
}
