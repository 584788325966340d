// A plain HTTP reverse proxy in front of the emulator that records every request line, so tests
// can count the calls a command made ("sends once", "the service sees no request"), and can
// throttle the first requests as the service does.
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
  stop(): Promise<void>;
}

export interface CountingProxyOptions {
  /** Answer the first N requests as the service does when throttling, without forwarding them. */
  throttleFirst?: number;
}

export async function startCountingProxy(targetUrl: string, options: CountingProxyOptions = {}): Promise<CountingProxy> {
  const target = new URL(targetUrl);
  const requests: SeenRequest[] = [];
  const server = createServer((incoming: IncomingMessage, outgoing: ServerResponse) => {
    requests.push({ method: incoming.method ?? '', path: (incoming.url ?? '').split('?')[0]! });
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
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (method, path) => requests.filter((r) => r.method === method && path.test(r.path)).length,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
