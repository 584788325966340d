// Benchmark: CRL publishing against the in-process emulator, each command a new process. The
// publish rows are ratios to the AWS CLI making the same single call; the start-up rows show that
// CA commands do not pay for the lazily loaded AWS SDK (ratio to a bare `node -e 0`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { IAMRA_BIN } from '../test/support/run-cli.js';
import { median } from './support/openssl-ca.js';

const ROUNDS = 7;
const ENV: NodeJS.ProcessEnv = {
  ...process.env, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', IAMRA_CA_PASSPHRASE: 'bench-passphrase',
};

/** Runs a command to completion (without blocking the in-process emulator); its time in ms. */
function timed(command: string, args: string[], cwd: string): Promise<{ ms: number; stdout: string }> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('close', (code) => (code === 0 ? resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout }) : reject(new Error(`${command} ${args.join(' ')}: ${stderr}`))));
  });
}

const iamra = (args: string[], cwd: string) => timed(process.execPath, [IAMRA_BIN, ...args], cwd);

async function rounds(run: (round: number) => Promise<number>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await run(i));
  return median(times);
}

interface Figures {
  nodeFloor: number;
  list: number;
  revokeOnly: number;
  awsGet: number;
  awsUpdate: number;
  unchanged: number;
  changed: number;
  revokePublish: number;
}

/** A new revoked certificate, so the next CRL differs. */
async function issueSerial(dir: string): Promise<string> {
  const result = await iamra(['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=w', '--key-out', `w-${process.hrtime.bigint()}.key`, '--json'], dir);
  return (JSON.parse(result.stdout) as { serial: string }).serial;
}

async function measure(dir: string, url: string, trustAnchorArn: string): Promise<Figures> {
  const first = JSON.parse((await iamra(['crl', 'publish', '--ca', 'ca', '--trust-anchor-arn', trustAnchorArn, '--endpoint', url, '--json'], dir)).stdout) as { crlId: string };
  await iamra(['crl', 'generate', '--ca', 'ca', '--out', 'bench.pem'], dir);
  const aws = (args: string[]) => timed('aws', ['rolesanywhere', ...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], dir);
  return {
    nodeFloor: await rounds(async () => (await timed(process.execPath, ['-e', '0'], dir)).ms),
    list: await rounds(async () => (await iamra(['list', '--ca', 'ca'], dir)).ms),
    revokeOnly: await rounds(async () => (await iamra(['revoke', '--ca', 'ca', await issueSerial(dir)], dir)).ms),
    awsGet: await rounds(async () => (await aws(['get-crl', '--crl-id', first.crlId])).ms),
    awsUpdate: await rounds(async () => (await aws(['update-crl', '--crl-id', first.crlId, '--crl-data', 'fileb://bench.pem'])).ms),
    unchanged: await rounds(async () => (await iamra(['crl', 'publish', '--ca', 'ca'], dir)).ms),
    changed: await rounds(async () => {
      await iamra(['revoke', '--ca', 'ca', await issueSerial(dir)], dir);
      return (await iamra(['crl', 'publish', '--ca', 'ca'], dir)).ms;
    }),
    revokePublish: await rounds(async () => (await iamra(['revoke', '--ca', 'ca', await issueSerial(dir), '--publish'], dir)).ms),
  };
}

function render(x: Figures): string {
  const row = (name: string, ms: number, base: number) => `| ${name} | ${ms.toFixed(0)} | ${(ms / base).toFixed(2)}x |`;
  return `## CRL publishing (EC P-256 CA, emulator in process, new process per command)

Median of ${ROUNDS} rounds. "publish, nothing new": reuse the latest CRL, one GetCrl. "publish after
a revocation": decrypt the CA key (PBKDF2-HMAC-SHA256, 600,000 iterations: about a third of the
time), sign and store CRL n+1, GetCrl, UpdateCrl, record. Baseline:
the AWS CLI (awscli 1.x) making one call of the same kind, its Python start-up included as ours
includes Node's.

| | time (ms) | ratio |
|---|---:|---:|
${row('aws rolesanywhere get-crl (baseline)', x.awsGet, x.awsGet)}
${row('iamra crl publish, nothing new', x.unchanged, x.awsGet)}
${row('aws rolesanywhere update-crl (baseline)', x.awsUpdate, x.awsUpdate)}
${row('iamra crl publish after a revocation', x.changed, x.awsUpdate)}
${row('iamra revoke --publish', x.revokePublish, x.awsUpdate)}

Start-up: the SDK is bundled but evaluated only when a publish needs it.

| | time (ms) | ratio to node -e 0 |
|---|---:|---:|
${row('node -e 0', x.nodeFloor, x.nodeFloor)}
${row('iamra list (a CA command, no SDK)', x.list, x.nodeFloor)}
${row('iamra revoke (no --publish)', x.revokeOnly, x.nodeFloor)}
${row('iamra crl publish, nothing new (SDK loaded)', x.unchanged, x.nodeFloor)}
`;
}

export default async function bench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-publish-'));
  try {
    await iamra(['ca', 'init', '--ca', 'ca', '--subject', 'CN=Bench CA'], dir);
    const f = await startEmulatorWithAnchor({ caCertPems: [readFileSync(join(dir, 'ca', 'ca.crt'), 'utf8')] });
    try {
      return render(await measure(dir, f.emulator.url, f.trustAnchorArn));
    } finally {
      await f.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
