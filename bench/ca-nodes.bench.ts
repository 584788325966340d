// Benchmark (issue 13): issuance throughput with 1, 2 and 4 concurrent CA processes, each
// `iamra issue --count N` through the built CLI, on one SQLite file and on one PostgreSQL (a
// server of its own started here with fsync on, so both stores commit durably).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { opensslCsr } from '../test/support/ca-fixture.js';
import { ROLE_PASSWORD, startPostgres } from '../test/support/postgres-server.js';
import { runCli, runCliAsync } from '../test/support/run-cli.js';
import { median } from './support/openssl-ca.js';

const PER_PROCESS = 150;
const PROCESSES = [1, 2, 4];
const ROUNDS = 2;
const ENV = { PGPASSWORD: ROLE_PASSWORD, IAMRA_CA_DIR: undefined };

/** A CA in `dir`/node-1 on `store` (sqlite: when undefined), copied to node-2..node-count. */
function createCa(dir: string, count: number, store: string | undefined): string[] {
  const init = runCli(['ca', 'init', '--ca', 'node-1', '--subject', 'CN=Bench CA', '--no-encrypt', ...(store ? ['--store', store] : [])], { cwd: dir, env: ENV });
  if (init.status !== 0) throw new Error(`ca init: ${init.stderr}`);
  const nodes = ['node-1'];
  for (let i = 2; i <= count; i++) {
    // SQLite: every process opens the one CA directory (one file); PostgreSQL: a directory per node.
    if (store) cpSync(join(dir, 'node-1'), join(dir, `node-${i}`), { recursive: true });
    nodes.push(store ? `node-${i}` : 'node-1');
  }
  return nodes;
}

async function certificatesPerSecond(dir: string, nodes: string[]): Promise<number> {
  const start = process.hrtime.bigint();
  const results = await Promise.all(nodes.map((node) => runCliAsync(['issue', '--ca', node, '--csr', 'w.csr', '--count', String(PER_PROCESS), '--cert-out', `${node}-${Math.random()}.pem`], { cwd: dir, env: ENV, timeoutMs: 600_000 })));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  for (const r of results) if (r.status !== 0) throw new Error(`issue: ${r.stderr}`);
  return (nodes.length * PER_PROCESS) / seconds;
}

export default async function benchCaNodes(): Promise<string> {
  const server = await startPostgres({ durable: true });
  const root = mkdtempSync(join(tmpdir(), 'iamra-bench-nodes-'));
  try {
    const rows: string[] = [];
    for (const count of PROCESSES) {
      const sqlite: number[] = [];
      const postgres: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const sqliteDir = mkdtempSync(join(root, 'sqlite-'));
        opensslCsr(sqliteDir, 'w');
        sqlite.push(await certificatesPerSecond(sqliteDir, createCa(sqliteDir, count, undefined)));
        const pgDir = mkdtempSync(join(root, 'pg-'));
        opensslCsr(pgDir, 'w');
        postgres.push(await certificatesPerSecond(pgDir, createCa(pgDir, count, await server.createDatabase())));
      }
      const [s, p] = [median(sqlite), median(postgres)];
      rows.push(`| ${count} | ${s.toFixed(0)} | ${p.toFixed(0)} | ${(p / s).toFixed(2)}x |`);
    }
    return `## CA nodes: issuance with 1, 2 and 4 concurrent CA processes (issue 13)

Each process is \`iamra issue --count ${PER_PROCESS}\` from one CSR through the built CLI (process
start, key load, ${PER_PROCESS} certificates each stored with its audit entry in its own
transaction); the figure is all processes' certificates over the wall time of the run. SQLite:
every process on the one CA file (WAL, synchronous=FULL). PostgreSQL 15: a server started for the
run on loopback with fsync on, one database, each process a CA node directory of its own.
Median of ${ROUNDS} rounds.

| processes | SQLite (certificates/s) | PostgreSQL (certificates/s) | PostgreSQL vs SQLite |
|---:|---:|---:|---:|
${rows.join('\n')}`;
  } finally {
    server.remove();
    rmSync(root, { recursive: true, force: true });
  }
}
