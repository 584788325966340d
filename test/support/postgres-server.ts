// A throw-away PostgreSQL server for tests (issue 13): initdb in a mkdtemp data directory, one
// free loopback port, a superuser and an `iamra` role with scram passwords, stopped in afterAll
// and, whatever happens, when the test process exits. As root it runs as the `postgres` system
// user (initdb refuses root); as anyone else, as that user.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export const ROLE = 'iamra';
export const ROLE_PASSWORD = 'role-pass-7Qx2';
const SUPERUSER_PASSWORD = 'super-pass-9Lk4';

/** The newest /usr/lib/postgresql/N/bin holding initdb (Debian's layout), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

export const hasPostgres = postgresBinDir() !== undefined;

export interface PostgresServerOptions {
  /** PEM certificate and key files: the server accepts TLS with them (ssl=on). */
  ssl?: { certFile: string; keyFile: string };
  /** fsync on (benchmarks compare durable commits); off by default for test speed. */
  durable?: boolean;
}

export interface PostgresServer {
  host: string;
  port: number;
  /** A new empty database owned by the `iamra` role; its URL without a password. */
  createDatabase(): Promise<string>;
  /** `url` with the role's password in it. */
  withPassword(url: string, password?: string): string;
  /** Runs `sql` on the database at `url` (a URL without a password) as the `iamra` role; its rows. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string): Promise<R[]>;
  /** Stops the server (fast shutdown: sessions are ended, committed data kept). */
  stop(): void;
  /** Starts it again on the same port after stop(). */
  start(): void;
  /** Stops it and removes the data directory. */
  remove(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** Runs a PostgreSQL program as the user who may run it (postgres when we are root). */
function runAs(bin: string, program: string, args: string[]): void {
  const [command, prefix] = isRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, program)]] : [join(bin, program), []];
  const result = spawnSync(command, [...prefix, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${program} ${args[0] ?? ''} failed (${result.status}): ${result.stderr}${result.stdout}`);
}

function ownForServer(path: string): void {
  if (!isRoot) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  chownSync(path, uid, gid);
}

/** initdb with scram for every connection, and the server's settings (port, socket, TLS, fsync). */
async function initDataDirectory(bin: string, dir: string, options: PostgresServerOptions): Promise<{ data: string; port: number }> {
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${SUPERUSER_PASSWORD}\n`, { mode: 0o600 });
  ownForServer(pwfile);
  runAs(bin, 'initdb', ['-D', data, '-U', 'postgres', '--pwfile', pwfile, '--auth-host=scram-sha-256', '--auth-local=scram-sha-256', '-E', 'UTF8', '--no-sync']);
  rmSync(pwfile);
  const settings = [`listen_addresses='127.0.0.1'`, `unix_socket_directories='${dir}'`, `fsync=${options.durable ? 'on' : 'off'}`, 'max_connections=200'];
  if (options.ssl) {
    for (const [from, to] of [[options.ssl.certFile, 'server.crt'], [options.ssl.keyFile, 'server.key']] as const) {
      copyFileSync(from, join(data, to));
      chmodSync(join(data, to), 0o600);
      ownForServer(join(data, to));
    }
    settings.push('ssl=on', `ssl_cert_file='server.crt'`, `ssl_key_file='server.key'`);
  }
  const port = await freePort();
  settings.push(`port=${port}`);
  writeFileSync(join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  ownForServer(join(data, 'postgresql.auto.conf'));
  return { data, port };
}

export async function startPostgres(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'iamra-pg-'));
  chmodSync(dir, 0o700);
  ownForServer(dir);
  let initialised: { data: string; port: number };
  try {
    initialised = await initDataDirectory(bin, dir, options);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { data, port } = initialised;
  let running = false;
  const start = () => {
    runAs(bin, 'pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log')]);
    running = true;
  };
  const stop = () => {
    if (!running) return;
    runAs(bin, 'pg_ctl', ['stop', '-D', data, '-w', '-m', 'fast']);
    running = false;
  };
  const onExit = () => {
    if (running) spawnSync(isRoot ? 'runuser' : join(bin, 'pg_ctl'), [...(isRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []), 'stop', '-D', data, '-m', 'immediate']);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  try {
    start();
    await superuserQuery(port, `CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE_PASSWORD}'`);
  } catch (error) {
    onExit();
    throw error;
  }
  let databases = 0;
  const url = (database: string) => `postgres://${ROLE}@127.0.0.1:${port}/${database}`;
  const withPassword = (value: string, password = ROLE_PASSWORD) => value.replace(`postgres://${ROLE}@`, `postgres://${ROLE}:${encodeURIComponent(password)}@`);
  return {
    host: '127.0.0.1',
    port,
    async createDatabase() {
      const name = `ca_${process.pid}_${++databases}`;
      await superuserQuery(port, `CREATE DATABASE ${name} OWNER ${ROLE}`);
      return url(name);
    },
    withPassword,
    async query<R extends pg.QueryResultRow>(value: string, sql: string) {
      const client = new pg.Client({ connectionString: withPassword(value) });
      await client.connect();
      try {
        return (await client.query<R>(sql)).rows;
      } finally {
        await client.end();
      }
    },
    stop,
    start,
    remove() {
      stop();
      process.removeListener('exit', onExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function superuserQuery(port: number, sql: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: SUPERUSER_PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
