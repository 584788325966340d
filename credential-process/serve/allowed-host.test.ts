// The Host headers serve answers (DNS rebinding defence): local names on any port, the connected
// or configured address with the listening port; anything else, or a malformed header, refused.
import { describe, expect, it } from 'vitest';
import { isAllowedHost, parseHostHeader, type ListeningSocket } from './allowed-host.js';

const LOOPBACK: ListeningSocket = { localAddress: '127.0.0.1', localPort: 9911, configuredAddress: '127.0.0.1' };
const WILDCARD: ListeningSocket = { localAddress: '::ffff:192.0.2.10', localPort: 9911, configuredAddress: '0.0.0.0' };
const NAMED: ListeningSocket = { localAddress: '10.1.2.3', localPort: 8080, configuredAddress: 'metadata.internal' };

const VECTORS: Array<[string | undefined, ListeningSocket, boolean]> = [
  ['127.0.0.1:9911', LOOPBACK, true],
  ['127.0.0.1', LOOPBACK, true],
  ['localhost:9911', LOOPBACK, true],
  ['LOCALHOST.:1234', LOOPBACK, true],
  ['[::1]:9911', LOOPBACK, true],
  ['127.0.0.53', LOOPBACK, true],
  ['169.254.169.254', LOOPBACK, true],
  ['[fd00:ec2::254]', LOOPBACK, true],
  ['169.254.170.2', LOOPBACK, true],
  ['evil.example', LOOPBACK, false],
  ['evil.example:9911', LOOPBACK, false],
  ['127.0.0.1.nip.io:9911', LOOPBACK, false],
  ['localhost.evil.example', LOOPBACK, false],
  [undefined, LOOPBACK, false],
  ['', LOOPBACK, false],
  ['127.0.0.1:9911, evil.example', LOOPBACK, false],
  ['user@127.0.0.1', LOOPBACK, false],
  ['192.0.2.10:9911', WILDCARD, true],
  ['192.0.2.10', WILDCARD, false],
  ['192.0.2.10:9912', WILDCARD, false],
  ['192.0.2.11:9911', WILDCARD, false],
  ['0.0.0.0:9911', WILDCARD, true],
  ['metadata.internal:8080', NAMED, true],
  ['10.1.2.3:8080', NAMED, true],
  ['metadata.internal', NAMED, false],
];

describe('isAllowedHost', () => {
  for (const [host, socket, expected] of VECTORS) {
    it(`${JSON.stringify(host)} on ${socket.configuredAddress}:${socket.localPort}: ${expected ? 'served' : 'refused'}`, () => {
      expect(isAllowedHost(host, socket)).toBe(expected);
    });
  }
});

describe('parseHostHeader', () => {
  it('splits name, IPv6 literal and port', () => {
    expect(parseHostHeader('[::1]:80')).toEqual({ hostname: '::1', port: 80 });
    expect(parseHostHeader('Example.COM.')).toEqual({ hostname: 'example.com', port: undefined });
    expect(parseHostHeader('a:b:c')).toBeUndefined();
  });
});
