// CreateSession throughput of `iamra emulator` on loopback (issue #3), RSA-2048 and EC P-256
// clients, as a ratio to the raw signature-verification rate of Node's crypto in the same run.
// The emulator runs as its own process (the built CLI); requests are signed before timing.
import { spawn } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { permissiveTrustPolicy } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, type TestKeyType } from '../test/support/pki.js';
import { IAMRA_BIN } from '../test/support/run-cli.js';
import { prepareSession, signerFromIdentity, type PreparedSession } from '../test/support/session-client.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/bench';
const CLIENTS = 16;
const MAX_SESSIONS = 5000;
const MAX_MS = 5000;
const WARM_UP_SESSIONS = 1000;
const ROUNDS = 3;
const DISTINCT_REQUESTS = 64;

interface Result {
  keyType: TestKeyType;
  sessionsPerSecond: number;
  verifiesPerSecond: number;
  failures: number;
}

async function control(url: string, path: string, body: unknown): Promise<Record<string, Record<string, string>>> {
  const answer = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host, Signature=00' },
    body: JSON.stringify(body),
  });
  return (await answer.json()) as Record<string, Record<string, string>>;
}

/** Verifications per second of one signature by one key, single-threaded, for about a second. */
function rawVerifyRate(keyPem: string): number {
  const key: KeyObject = createPrivateKey(keyPem);
  const data = Buffer.from('AWS4-X509-ECDSA-SHA256\n20260101T000000Z\nscope\n' + 'ab'.repeat(32));
  const signature = sign('sha256', data, key);
  const publicKey = createPublicKey(key);
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (let i = 0; i < 100; i++) verify('sha256', data, publicKey, signature);
    count += 100;
  }
  return count / ((performance.now() - start) / 1000);
}

/** The request as bytes on the wire, so the load generator spends its CPU on nothing else. */
function wireBytes(prepared: PreparedSession): Buffer {
  const lines = [`POST /sessions?${prepared.query} HTTP/1.1`];
  for (const [name, value] of Object.entries(prepared.headers)) lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${Buffer.byteLength(prepared.body)}`, '', prepared.body);
  return Buffer.from(lines.join('\r\n'));
}

/** One keep-alive connection sending requests one after another; resolves each answer's status. */
class WireClient {
  private buffer: Buffer = Buffer.alloc(0);
  private pending: ((status: number) => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  static connect(url: URL): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => resolve(new WireClient(socket)));
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve) => {
      this.pending = resolve;
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const head = this.buffer.subarray(0, headerEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
    if (this.buffer.length < headerEnd + 4 + length) return;
    this.buffer = this.buffer.subarray(headerEnd + 4 + length);
    const resolve = this.pending!;
    this.pending = undefined;
    resolve(Number(head.slice(9, 12)));
  }
}

/** Sends up to `count` sessions (or MAX_MS) over the connections; returns the rate. */
async function round(clients: WireClient[], wire: Buffer[], count: number): Promise<{ sessionsPerSecond: number; failures: number }> {
  let done = 0;
  let failures = 0;
  const start = performance.now();
  const run = async (client: WireClient, offset: number) => {
    while (done < count && performance.now() - start < MAX_MS) {
      const status = await client.send(wire[(done + offset) % wire.length]!);
      done++;
      if (status !== 201) failures++;
    }
  };
  await Promise.all(clients.map((c, i) => run(c, i)));
  return { sessionsPerSecond: done / ((performance.now() - start) / 1000), failures };
}

async function measure(url: string, keyType: TestKeyType, profileArn: string): Promise<Result> {
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const leaf = await issueTestCertificate(root, { subject: `CN=bench ${keyType}`, keyType });
  const source = { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: root.certPem } };
  const { trustAnchor } = await control(url, '/trustanchors', { name: `bench-${keyType}`, source, enabled: true });
  const signed: PreparedSession[] = [];
  for (let i = 0; i < DISTINCT_REQUESTS; i++) {
    const body = { durationSeconds: 900 + i };
    signed.push(await prepareSession({ url, signer: signerFromIdentity(leaf), trustAnchorArn: trustAnchor!.trustAnchorArn!, profileArn, roleArn: ROLE_ARN, body }));
  }
  const wire = signed.map(wireBytes);
  const clients = await Promise.all(Array.from({ length: CLIENTS }, () => WireClient.connect(new URL(url))));
  await round(clients, wire, WARM_UP_SESSIONS);
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await round(clients, wire, MAX_SESSIONS));
  for (const c of clients) c.close();
  rounds.sort((a, b) => a.sessionsPerSecond - b.sessionsPerSecond);
  const median = rounds[Math.floor(ROUNDS / 2)]!;
  const failures = rounds.reduce((n, r) => n + r.failures, 0);
  return { keyType, sessionsPerSecond: median.sessionsPerSecond, verifiesPerSecond: rawVerifyRate(leaf.keyPem), failures };
}

async function startEmulatorProcess(dir: string): Promise<{ url: string; stop: () => void }> {
  writeFileSync(join(dir, 'roles.json'), JSON.stringify({ roles: [{ arn: ROLE_ARN, trustPolicy: permissiveTrustPolicy('arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/*') }] }));
  const child = spawn(process.execPath, [IAMRA_BIN, 'emulator', '--roles', join(dir, 'roles.json')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.setEncoding('utf8').once('data', (d: string) => resolve(d.trim())));
  return { url, stop: () => child.kill('SIGTERM') };
}

export default async function benchmark(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-'));
  const emulator = await startEmulatorProcess(dir);
  try {
    const { profile } = await control(emulator.url, '/profiles', { name: 'bench', roleArns: [ROLE_ARN], enabled: true });
    const results: Result[] = [];
    for (const keyType of ['rsa-2048', 'ec-p256'] as const) results.push(await measure(emulator.url, keyType, profile!.profileArn!));
    const rows = results.map(
      (r) =>
        `| ${r.keyType} | ${Math.round(r.sessionsPerSecond)} | ${Math.round(r.verifiesPerSecond)} | ${(r.sessionsPerSecond / r.verifiesPerSecond).toFixed(3)} | ${r.failures} |`,
    );
    return [
      '## emulator-sessions: CreateSession verification throughput',
      '',
      `The emulator (\`iamra emulator\`, in-memory state, its own process) answers verified CreateSession requests from`,
      `${CLIENTS} concurrent keep-alive connections on loopback: ${WARM_UP_SESSIONS} warm-up sessions, then the median of`,
      `${ROUNDS} rounds of at most ${MAX_SESSIONS} sessions or ${MAX_MS / 1000} s per key type. Requests are signed before timing and`,
      'written as raw bytes, so the load generator stays light (it still shares the 2 cores). Baseline: single-threaded',
      '`crypto.verify` of one signature by the same key type, in the same run. Each session costs one request-signature',
      'verification plus HTTP, parsing, chain (cached), CRLs, tags, trust policy and the subject record.',
      '',
      '| client key | sessions/s | raw verify/s (baseline) | ratio sessions : verify | non-201 answers |',
      '|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
