// Several CA nodes on one PostgreSQL (issue 13), through the built CLI: three processes issuing,
// revoking and generating CRLs at once, and a PostgreSQL restart in the middle of a run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { opensslCsr, tempDir } from '../support/ca-fixture.js';
import { bareSerial, createNodes, NODE_ENV, readCrl, type CrlText } from '../support/postgres-ca.js';
import { startPostgres, type PostgresServer } from '../support/postgres-server.js';
import { runCliAsync, type CliResult } from '../support/run-cli.js';

const NODES = 3;
const ROUNDS = 2;
const PER_ROUND = 4;

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.remove());

const cli = (cwd: string, args: string[]) => runCliAsync(args, { cwd, env: NODE_ENV, timeoutMs: 120_000 });

/** Exit 0, and nothing on stderr but `crl generate`'s summary line. */
function ok(result: CliResult): CliResult {
  if (result.status !== 0 || result.stderr.replace(/^iamra: CRL \d+: [^\n]*\n/, '') !== '') throw new Error(`iamra failed (${result.status}): ${result.stderr}`);
  return result;
}

/** One node's run: issue, revoke half of what it issued, generate a CRL; ROUNDS times. */
async function runNode(dir: string, node: string): Promise<{ issued: string[]; revoked: string[]; crls: CrlText[] }> {
  const run = { issued: [] as string[], revoked: [] as string[], crls: [] as CrlText[] };
  for (let round = 0; round < ROUNDS; round++) {
    const issued = JSON.parse(ok(await cli(dir, ['issue', '--ca', node, '--csr', 'w.csr', '--subject', `CN=${node.slice(-6)}-${round}`, '--count', String(PER_ROUND), '--json'])).stdout) as Array<{ serial: string }>;
    run.issued.push(...issued.map((c) => c.serial));
    const toRevoke = issued.slice(0, PER_ROUND / 2).map((c) => c.serial);
    await Promise.all(toRevoke.map(async (serial) => ok(await cli(dir, ['revoke', '--ca', node, serial, '--reason', 'superseded']))));
    run.revoked.push(...toRevoke);
    const crl = ok(await cli(dir, ['crl', 'generate', '--ca', node])).stdout;
    run.crls.push(readCrl(dir, crl, join(node, 'ca.crt')));
  }
  return run;
}

async function waitForCertificates(url: string, count: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM certificates');
      if ((rows[0]?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

describe('three CA nodes on one PostgreSQL', () => {
  it('issue, revoke and generate CRLs at once: no lost or duplicate records, CRL numbers strictly increasing, every revocation in the final CRL', async () => {
    const dir = tempDir();
    const nodes = createNodes(dir, await server.createDatabase(), NODES);
    opensslCsr(dir, 'w');
    const runs = await Promise.all(nodes.map((node) => runNode(dir, node)));
    const issued = runs.flatMap((r) => r.issued);
    const revoked = runs.flatMap((r) => r.revoked);
    expect(new Set(issued).size).toBe(NODES * ROUNDS * PER_ROUND);

    const listed = JSON.parse(ok(await cli(dir, ['list', '--ca', nodes[1]!, '--json'])).stdout) as Array<{ serial: string; status: string }>;
    expect(listed.map((c) => c.serial).sort()).toEqual([...issued].sort());
    expect(listed.filter((c) => c.status === 'revoked').map((c) => c.serial).sort()).toEqual([...revoked].sort());
    const audit = ok(await cli(dir, ['ca', 'audit', '--ca', nodes[2]!, '--json'])).stdout;
    const actions = (JSON.parse(audit) as Array<{ action: string }>).map((a) => a.action);
    expect(actions.filter((a) => a === 'certificate.issue')).toHaveLength(issued.length);
    expect(actions.filter((a) => a === 'certificate.revoke')).toHaveLength(revoked.length);

    // Every node's own CRLs rise, all numbers are distinct, and a later CRL never drops a revocation.
    const all = runs.flatMap((r) => r.crls).sort((a, b) => a.crlNumber - b.crlNumber);
    for (const run of runs) for (let i = 1; i < run.crls.length; i++) expect(run.crls[i]!.crlNumber).toBeGreaterThan(run.crls[i - 1]!.crlNumber);
    expect(all.map((c) => c.crlNumber)).toEqual(Array.from({ length: NODES * ROUNDS }, (_, i) => i + 1));
    for (let i = 1; i < all.length; i++) expect(all[i]!.serials).toEqual(expect.arrayContaining(all[i - 1]!.serials));

    const final = readCrl(dir, ok(await cli(dir, ['crl', 'generate', '--ca', nodes[0]!])).stdout, join(nodes[0]!, 'ca.crt'));
    expect(final.crlNumber).toBe(NODES * ROUNDS + 1);
    expect([...final.serials].sort()).toEqual(revoked.map(bareSerial).sort());
  });

  it('PostgreSQL restarted mid-run: each command succeeds (retried) or fails with one clear line, and nothing committed is lost', async () => {
    const dir = tempDir();
    const url = await server.createDatabase();
    const nodes = createNodes(dir, url, 2);
    opensslCsr(dir, 'w');
    const results: Array<{ result: CliResult; serials: string[]; spansRestart: boolean }> = [];
    let phase: 'before' | 'down' | 'after' = 'before';
    let stop = false;
    const loop = async (node: string) => {
      for (let i = 0; !stop || i < 2; i++) {
        const startedBefore = phase === 'before';
        const result = await cli(dir, ['issue', '--ca', node, '--csr', 'w.csr', '--subject', `CN=r-${i}`, '--count', '150', '--json']);
        const serials = result.status === 0 ? (JSON.parse(result.stdout) as Array<{ serial: string }>).map((c) => c.serial) : [];
        results.push({ result, serials, spansRestart: startedBefore && phase === 'after' });
      }
    };
    const loops = nodes.map(loop);
    // Stop the server once the first commands are issuing (they hold pooled connections by then).
    await waitForCertificates(server.withPassword(url), 10);
    server.stop();
    phase = 'down';
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server.start();
    phase = 'after';
    stop = true;
    await Promise.all(loops);
    // The scenario happened: some command was issuing while the server went away and came back.
    expect(results.some((r) => r.spansRestart)).toBe(true);
    for (const { result } of results) {
      if (result.status === 0) continue;
      expect(result.status).toBe(4);
      expect(result.stderr).toMatch(/^iamra: (cannot reach the CA store|the connection to the CA store) postgres:\/\/iamra@127\.0\.0\.1:\d+\/\w+[: ][^\n]*\n$/);
    }
    const committed = results.flatMap((r) => r.serials);
    expect(committed.length).toBeGreaterThan(0);
    const listed = JSON.parse(ok(await cli(dir, ['list', '--ca', nodes[0]!, '--json'])).stdout) as Array<{ serial: string }>;
    expect(listed.map((c) => c.serial)).toEqual(expect.arrayContaining(committed));
    expect(new Set(listed.map((c) => c.serial)).size).toBe(listed.length);
    // Issued after the restart too: the pool reconnected.
    expect(readFileSync(join(nodes[1]!, 'ca.json'), 'utf8')).not.toMatch(/role-pass/);
  });
});
