// Benchmark: CPU time of one refresh of `iamra/credentials` (fromRolesAnywhere: read and parse
// certificate and key, sign, TLS, CreateSession) in a client process, against the emulator on
// loopback over TLS; as a ratio to the CPU time of a bare `node -e 0` measured in the same run.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulatorWithAnchor } from '../test/support/emulator-fixture.js';
import { createTestRoot, issueTestCertificate, writeIdentity } from '../test/support/pki.js';
import { mean, measureProcess } from './support/measure-process.js';

const REFRESHES = 40;
const BASELINE_RUNS = 20;
const CREDENTIALS_JS = join(import.meta.dirname, '../dist/credentials.js');

// Runs in the client process: every call refreshes (the margin exceeds the lifetime), one at a time.
const CLIENT = `
const { fromRolesAnywhere } = require(process.env.CREDENTIALS_JS);
const o = JSON.parse(process.env.OPTIONS);
const provider = fromRolesAnywhere({ ...o, durationSeconds: 900, refreshBeforeExpirySeconds: 100000 });
(async () => {
  await provider();
  const start = process.cpuUsage();
  for (let i = 0; i < ${REFRESHES}; i++) await provider();
  const used = process.cpuUsage(start);
  process.stdout.write(String((used.user + used.system) / 1000 / ${REFRESHES}));
})();
`;

export default async function bench(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'iamra-bench-provider-'));
  const root = await createTestRoot({ keyType: 'ec-p256' });
  const leaf = await issueTestCertificate(root, { subject: 'CN=bench,O=iamra', keyType: 'ec-p256' });
  const files = writeIdentity(dir, 'leaf', leaf);
  const fixture = await startEmulatorWithAnchor({ caCertPems: [root.certPem], tls: true });
  try {
    const options = { certificate: files.certPath, privateKey: files.keyPath, trustAnchorArn: fixture.trustAnchorArn, profileArn: fixture.profileArn, roleArn: fixture.roleArn, endpoint: fixture.emulator.url };
    const env = { ...process.env, AWS_CA_BUNDLE: fixture.emulator.caCertPath, CREDENTIALS_JS, OPTIONS: JSON.stringify(options) };
    const baselines = [];
    for (let i = 0; i < BASELINE_RUNS; i++) baselines.push((await measureProcess(process.execPath, ['-e', '0'], env)).cpuMs);
    // The emulator answers in this process, so the client runs apart and measures only itself.
    const perRefreshMs = Number(await new Promise<string>((resolve, reject) => {
      execFile(process.execPath, ['-e', CLIENT], { env, encoding: 'utf8' }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    }));
    const baseline = mean(baselines);
    return [
      '## credentials-provider',
      '',
      `\`fromRolesAnywhere\` from \`iamra/credentials\` (EC P-256 key, PEM files) against the emulator on loopback over TLS: mean CPU time (user+sys) of one refresh in the client process over ${REFRESHES} sequential refreshes (each re-reads and parses the certificate and key, signs, opens a TLS connection and calls CreateSession), as a ratio to the CPU time of \`node -e 0\` (mean of ${BASELINE_RUNS}).`,
      '',
      '| case | CPU per refresh |',
      '|---|---|',
      `| provider refresh | ${(perRefreshMs / baseline).toFixed(2)}x |`,
      '',
      `Baseline \`node -e 0\`: ${baseline.toFixed(0)} ms CPU; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores during the run.`,
    ].join('\n');
  } finally {
    await fixture.stop();
  }
}
