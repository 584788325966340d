// Several `iamra issue` processes on one CA, and a SIGKILL mid-issuance: no lost or duplicate
// records, and SQLite's integrity check passes.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { IAMRA_BIN, runCliAsync } from '../support/run-cli.js';
import { CA_ENV, createCa, iamra, opensslCsr, sqlite, tempDir } from '../support/ca-fixture.js';

const WORKERS = 4;
const PER_WORKER = 200;
const REVOKERS = 10;

describe('concurrent issuance', () => {
  it(`${WORKERS} issuers x ${PER_WORKER} certificates and ${REVOKERS} revokers at once: ${WORKERS * PER_WORKER} new unique serials, every revocation kept`, async () => {
    const dir = tempDir();
    const caDir = createCa(dir);
    opensslCsr(dir, 'w');
    const early = JSON.parse(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--subject', 'CN=early', '--count', String(REVOKERS), '--json']).stdout) as Array<{ serial: string }>;
    const issuers = Array.from({ length: WORKERS }, (_, i) =>
      runCliAsync(['issue', '--ca', 'ca', '--csr', 'w.csr', '--subject', `CN=worker-${i}`, '--count', String(PER_WORKER), '--cert-out', `out-${i}.pem`], { cwd: dir, env: CA_ENV, timeoutMs: 120_000 }),
    );
    const revokers = early.map(({ serial }) => runCliAsync(['revoke', '--ca', 'ca', serial, '--reason', 'superseded'], { cwd: dir, env: CA_ENV, timeoutMs: 120_000 }));
    for (const result of await Promise.all([...issuers, ...revokers])) {
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }
    const total = WORKERS * PER_WORKER + REVOKERS;
    expect(sqlite(caDir, 'SELECT count(*), count(DISTINCT serial) FROM certificates')).toBe(`${total}|${total}`);
    expect(sqlite(caDir, "SELECT count(*) FROM audit_log WHERE action = 'certificate.issue'")).toBe(String(total));
    expect(sqlite(caDir, "SELECT count(*) FROM certificates WHERE revocation_reason = 'superseded'")).toBe(String(REVOKERS));
    expect(sqlite(caDir, "SELECT count(*) FROM audit_log WHERE action = 'certificate.revoke'")).toBe(String(REVOKERS));
    for (let i = 0; i < WORKERS; i++) expect(sqlite(caDir, `SELECT count(*) FROM certificates WHERE subject = 'CN=worker-${i}'`)).toBe(String(PER_WORKER));
    expect(sqlite(caDir, 'PRAGMA integrity_check')).toBe('ok');
    const listed = JSON.parse(iamra(dir, ['list', '--ca', 'ca', '--json']).stdout) as unknown[];
    expect(listed).toHaveLength(total);
  });
});

describe('concurrent CRL generation', () => {
  it('gives every process its own CRL number', async () => {
    const dir = tempDir();
    const caDir = createCa(dir);
    opensslCsr(dir, 'w');
    iamra(dir, ['revoke', '--ca', 'ca', (JSON.parse(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--json']).stdout) as { serial: string }).serial]);
    const results = await Promise.all([1, 2, 3].map((i) => runCliAsync(['crl', 'generate', '--ca', 'ca', '--out', `crl-${i}.pem`], { cwd: dir, env: CA_ENV })));
    expect(results.map((r) => r.status)).toEqual([0, 0, 0]);
    const numbers = results.map((r) => Number(/CRL (\d+):/.exec(r.stderr)![1])).sort();
    expect(numbers).toEqual([1, 2, 3]);
    expect(sqlite(caDir, 'SELECT group_concat(crl_number) FROM crls')).toBe('1,2,3');
  });
});

describe('crash safety', () => {
  it('a SIGKILL in the middle of issuing leaves a consistent database', async () => {
    const dir = tempDir();
    const caDir = createCa(dir);
    opensslCsr(dir, 'w');
    const child = spawn(process.execPath, [IAMRA_BIN, 'issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '1000000', '--cert-out', 'never.pem'], {
      cwd: dir, env: { ...process.env, IAMRA_CA_PASSPHRASE: CA_ENV.IAMRA_CA_PASSPHRASE }, stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let issued = 0;
    for (let polls = 0; polls < 300 && issued < 50; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      issued = Number(sqlite(caDir, 'SELECT count(*) FROM certificates'));
    }
    expect(issued).toBeGreaterThanOrEqual(50);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(sqlite(caDir, 'PRAGMA integrity_check')).toBe('ok');
    const [certificates, distinct, audited] = sqlite(caDir, "SELECT (SELECT count(*) FROM certificates), (SELECT count(DISTINCT serial) FROM certificates), (SELECT count(*) FROM audit_log WHERE action = 'certificate.issue')").split('|');
    expect(distinct).toBe(certificates);
    // Each certificate and its audit entry were committed together or not at all.
    expect(audited).toBe(certificates);
    expect(sqlite(caDir, "SELECT count(*) FROM certificates c WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.serial = c.serial AND a.action = 'certificate.issue')")).toBe('0');
    const after = iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--json']);
    expect(after.status).toBe(0);
    expect(Number(sqlite(caDir, 'SELECT count(*) FROM certificates'))).toBe(Number(certificates) + 1);
  });
});
