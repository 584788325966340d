// serve against hostile local clients (issue 9, Secrets), through the built helper and real
// sockets: one client minting tokens in a loop evicts only its own; a Host header that is not
// local is refused (DNS rebinding); a request body is refused with 413 before it is sent.
import { request, Agent } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TOKENS_PER_CLIENT } from '../../credential-process/serve/token-store.js';
import { arnFlags, createPki, issueLeaf, type IdentityFiles } from './helper-support/fixtures.js';
import { spawnHelper, type RunningHelper } from './helper-support/spawn-helper.js';
import { startSessionServer, type SessionServer } from './helper-support/session-server.js';

let leaf: IdentityFiles;
let sessions: SessionServer;
let helper: RunningHelper;
let port: number;

beforeAll(async () => {
  const pki = await createPki();
  leaf = await issueLeaf(pki, 'hardened', 'ec-p256');
  sessions = await startSessionServer();
  helper = spawnHelper(['serve', '--certificate', leaf.certPath, '--private-key', leaf.keyPath, ...arnFlags(), '--endpoint', sessions.url, '--port', '0']);
  port = Number((await helper.waitForLine(/^export AWS_EC2_METADATA_SERVICE_ENDPOINT=http:\/\/127\.0\.0\.1:(\d+)\/$/))[1]);
});
afterAll(async () => {
  await helper.stop();
  await sessions.stop();
});

const CREDENTIALS = '/latest/meta-data/iam/security-credentials/iamra-test';

interface Exchange {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The client's own address: 127.0.0.2 is another client of the same loopback server. */
  localAddress?: string;
  agent?: Agent;
}

function exchange(options: Exchange): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, localAddress: options.localAddress, agent: options.agent }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function tokenFor(localAddress: string, agent?: Agent): Promise<string> {
  const answer = await exchange({ method: 'PUT', path: '/latest/api/token', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '300' }, localAddress, agent });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function credentialsStatus(token: string): Promise<number> {
  return (await exchange({ path: CREDENTIALS, headers: { 'x-aws-ec2-metadata-token': token } })).status;
}

describe('serve hardening', () => {
  it('#9: a client minting many tokens evicts only its own oldest, never another client\'s', async () => {
    const victim = await tokenFor('127.0.0.1');
    const agent = new Agent({ keepAlive: true, localAddress: '127.0.0.2' });
    try {
      const minted: string[] = [];
      for (let i = 0; i < MAX_TOKENS_PER_CLIENT + 20; i++) minted.push(await tokenFor('127.0.0.2', agent));
      expect(await credentialsStatus(victim)).toBe(200);
      expect(await credentialsStatus(minted[0]!)).toBe(401);
      expect(await credentialsStatus(minted[19]!)).toBe(401);
      expect(await credentialsStatus(minted[20]!)).toBe(200);
      expect(await credentialsStatus(minted.at(-1)!)).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  const HOSTS: Array<[string, number]> = [
    ['evil.example', 403],
    ['rebound.example:PORT', 403],
    ['127.0.0.1.nip.io:PORT', 403],
    ['127.0.0.1:PORT', 200],
    ['localhost:PORT', 200],
    ['[::1]:PORT', 200],
    ['169.254.169.254', 200],
  ];
  for (const [host, status] of HOSTS) {
    it(`Host: ${host} gets ${status}`, async () => {
      const answer = await exchange({ method: 'PUT', path: '/latest/api/token', headers: { host: host.replace('PORT', String(port)) } });
      expect(answer.status).toBe(status);
      if (status === 403) expect(answer.body).toBe('Forbidden: the Host header does not name this endpoint\n');
      else expect(answer.body).toHaveLength(100);
    });
  }

  it('refuses a rebound Host on the credentials route too, even with a valid token', async () => {
    const token = await tokenFor('127.0.0.1');
    expect((await exchange({ path: CREDENTIALS, headers: { host: `rebound.example:${port}`, 'x-aws-ec2-metadata-token': token } })).status).toBe(403);
  });

  /** Sends only the request head and reads what the server answers before any body byte. */
  function headOnly(head: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\nHost: 127.0.0.1:${port}\r\n\r\n`));
      let answer = '';
      socket.setEncoding('utf8').on('data', (d: string) => (answer += d));
      socket.on('end', () => resolve(answer));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
  }

  const BODIES = [
    'PUT /latest/api/token HTTP/1.1\r\nContent-Length: 1073741824',
    'PUT /latest/api/token HTTP/1.1\r\nTransfer-Encoding: chunked',
    `GET ${CREDENTIALS} HTTP/1.1\r\nContent-Length: 10`,
    'PUT /latest/api/token HTTP/1.1\r\nContent-Length: 1048576\r\nExpect: 100-continue',
  ];
  for (const head of BODIES) {
    it(`413 before the body is sent: ${head.replaceAll('\r\n', ' | ')}`, async () => {
      const answer = await headOnly(head);
      expect(answer).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
      expect(answer).toMatch(/\r\nConnection: close\r\n/i);
      expect(answer).not.toContain('100 Continue');
    });
  }

  it('still takes a PUT with Content-Length: 0', async () => {
    const answer = await headOnly('PUT /latest/api/token HTTP/1.1\r\nContent-Length: 0\r\nConnection: close');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
