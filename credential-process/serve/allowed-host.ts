// serve's defence against DNS rebinding: a web page whose name an attacker re-points at 127.0.0.1
// reaches the endpoint with its own name in the Host header. Only these Host values are served:
// a loopback or link-local metadata name on any port (a redirect may have changed the port), or
// the address the client connected to (or --address) with the listening port.

/** Names that only ever mean this machine or its metadata endpoints (IMDS, the ECS agent). */
const LOCAL_NAMES = new Set(['localhost', '::1', '169.254.169.254', 'fd00:ec2::254', '169.254.170.2', '169.254.170.23', 'fd00:ec2::23']);

export interface ListeningSocket {
  /** The local address the client connected to (req.socket.localAddress). */
  localAddress: string | undefined;
  localPort: number | undefined;
  /** serve's --address, which may be a name. */
  configuredAddress: string;
}

/** `host[:port]` or `[v6][:port]`, lower-cased, without a trailing dot; undefined when malformed. */
export function parseHostHeader(value: string): { hostname: string; port: number | undefined } | undefined {
  const m = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!m) return undefined;
  const hostname = (m[1] ?? m[2] ?? '').toLowerCase().replace(/\.$/, '');
  return { hostname, port: m[3] === undefined ? undefined : Number(m[3]) };
}

/** An IPv4-mapped IPv6 address (::ffff:127.0.0.1) as the IPv4 address it is. */
function plainAddress(address: string): string {
  return address.toLowerCase().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, '$1');
}

export function isAllowedHost(value: string | undefined, socket: ListeningSocket): boolean {
  const host = value === undefined ? undefined : parseHostHeader(value);
  if (!host) return false;
  const hostname = plainAddress(host.hostname);
  if (LOCAL_NAMES.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)) return true;
  const bound = [socket.localAddress, socket.configuredAddress].filter((a) => a !== undefined).map(plainAddress);
  return bound.includes(hostname) && (host.port ?? 80) === socket.localPort;
}
