// A forward HTTP proxy for tests: absolute-form requests and CONNECT tunnels, every one sent to
// 127.0.0.1 whatever host was asked for (so a test can use names like sessions.test), each
// recorded in `requests` as `METHOD target`.
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

export interface ForwardProxy {
  url: string;
  /** `POST http://host:port/path` or `CONNECT host:port`, in arrival order; clear it with `length = 0`. */
  requests: string[];
  stop(): Promise<void>;
}

/** `targetPort` is asked per request, so one proxy can serve a server started later. */
export async function startForwardProxy(targetPort: () => number, requests: string[] = []): Promise<ForwardProxy> {
  const sockets = new Set<{ destroy(): void }>();
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    // Non-null: an HTTP server's request always has a URL.
    const url = new URL(req.url!);
    const upstream = request({ host: '127.0.0.1', port: targetPort(), method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers }, (up) => {
      // Non-null: a response from http.request always has a status code.
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    requests.push(`CONNECT ${req.url}`);
    const port = Number(req.url?.split(':').pop());
    sockets.add(socket);
    const upstream = connect(port, '127.0.0.1', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
