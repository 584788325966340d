// A CA on PostgreSQL through the built CLI (issue 13): ca init --store, the password from the URL,
// PGPASSWORD or ~/.pgpass (never written or printed), TLS with verify-full, ca migrate, and one
// clear line for each way the database can be wrong.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_ENV, expectUserError, iamra, openssl, opensslCsr, tempDir } from '../support/ca-fixture.js';
import { ROLE_PASSWORD, startPostgres, type PostgresServer } from '../support/postgres-server.js';

let server: PostgresServer;
let tls: { root: string; other: string; dir: string };

/** A root and a server certificate for 127.0.0.1 made by openssl, and an unrelated root. */
function makeTlsFiles(dir: string): { root: string; other: string; cert: string; key: string } {
  const run = (args: string[]) => {
    const result = openssl(args, dir);
    if (result.status !== 0) throw new Error(`openssl ${args[0]}: ${result.stderr}`);
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', 'root.key', '-out', 'root.pem', '-days', '2', '-subj', '/CN=Test DB Root']);
  run(['req', '-x509', ...ec, '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Other Root']);
  run(['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
  writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\n');
  run(['x509', '-req', '-in', 'server.csr', '-CA', 'root.pem', '-CAkey', 'root.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
  return { root: join(dir, 'root.pem'), other: join(dir, 'other.pem'), cert: join(dir, 'server.pem'), key: join(dir, 'server.key') };
}

beforeAll(async () => {
  const dir = tempDir('iamra-pg-tls-');
  const files = makeTlsFiles(dir);
  tls = { root: files.root, other: files.other, dir };
  server = await startPostgres({ ssl: { certFile: files.cert, keyFile: files.key } });
});
afterAll(() => {
  server?.remove();
  if (tls) rmSync(tls.dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string | undefined> = {}) => ({ ...CA_ENV, PGPASSWORD: ROLE_PASSWORD, ...extra });

const sql = async (url: string, text: string): Promise<void> => void (await server.query(url, text));

describe('a CA on PostgreSQL', () => {
  it('ca init --store records the URL without the password; the password then comes from PGPASSWORD or ~/.pgpass', async () => {
    const dir = tempDir();
    const url = await server.createDatabase();
    const init = iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=PG CA', '--store', server.withPassword(url)], { PGPASSWORD: undefined });
    expect(init.status).toBe(0);
    expect(init.stdout + init.stderr).not.toContain(ROLE_PASSWORD);
    expect(init.stdout).toMatch(/^store: postgres:\/\/iamra:\*\*\*@127\.0\.0\.1:\d+\/\w+$/m);
    const config = readFileSync(join(dir, 'ca', 'ca.json'), 'utf8');
    expect(JSON.parse(config).store).toBe(url);
    expect(iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=w', '--key-out', 'w.key', '--cert-out', 'w.pem'], env()).status).toBe(0);
    const home = tempDir('iamra-home-');
    const { port, pathname } = new URL(url);
    writeFileSync(join(home, '.pgpass'), `127.0.0.1:${port}:${pathname.slice(1)}:iamra:${ROLE_PASSWORD}\n`, { mode: 0o600 });
    const listed = iamra(dir, ['list', '--ca', 'ca'], { PGPASSWORD: undefined, HOME: home });
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toMatch(/valid .* CN=w\n$/);
    // IAMRA_STORE and --store select the store for a CA directory whose ca.json names another.
    writeFileSync(join(dir, 'ca', 'ca.json'), config.replace(url, 'sqlite:elsewhere.db'));
    expect(iamra(dir, ['list', '--ca', 'ca'], env({ IAMRA_STORE: url })).stdout).toContain('CN=w');
    expect(iamra(dir, ['list', '--ca', 'ca', '--store', url], env()).stdout).toContain('CN=w');
    writeFileSync(join(dir, 'ca', 'ca.json'), config.replace(url, server.withPassword(url)));
    const refused = expectUserError(iamra(dir, ['list', '--ca', 'ca'], env()), 3);
    expect(refused).toContain('"store" holds a database password, and a password is never stored there');
    expect(refused).not.toContain(ROLE_PASSWORD);
  });

  it('connects with sslmode=verify-full and sslrootcert, and refuses a server the root does not vouch for', async () => {
    const dir = tempDir();
    const url = `${await server.createDatabase()}?sslmode=verify-full&sslrootcert=${tls.root}`;
    expect(iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=TLS CA', '--store', url], env()).status).toBe(0);
    expect(iamra(dir, ['list', '--ca', 'ca'], env()).status).toBe(0);
    const wrongRoot = iamra(dir, ['list', '--ca', 'ca', '--store', url.replace(tls.root, tls.other)], env());
    expect(expectUserError(wrongRoot, 3)).toMatch(/^iamra: cannot open the CA store postgres:\/\/iamra@127\.0\.0\.1:\d+\/\w+\?sslmode=verify-full&sslrootcert=\S+: the TLS connection failed/);
  });

  it('one clear line and the documented exit code for a wrong password, no password, a missing database, an unreachable server', async () => {
    const dir = tempDir();
    const url = await server.createDatabase();
    expect(iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=PG CA', '--store', url], env()).status).toBe(0);
    const wrong = iamra(dir, ['list', '--ca', 'ca', '--store', server.withPassword(url, 'not-the-password')], env());
    expect(expectUserError(wrong, 3)).toMatch(/^iamra: cannot open the CA store postgres:\/\/iamra:\*\*\*@127\.0\.0\.1:\d+\/\w+: the server refused the user or password/);
    expect(wrong.stderr).not.toContain('not-the-password');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca'], env({ PGPASSWORD: 'bad', HOME: tempDir() })), 3)).toContain('refused the user or password');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca'], env({ PGPASSWORD: undefined, HOME: tempDir() })), 3)).toContain('the server wants a password and none was given. Set PGPASSWORD');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--store', url.replace(/\/\w+$/, '/no_such_db')], env()), 3)).toContain('the database does not exist');
    const unreachable = iamra(dir, ['list', '--ca', 'ca', '--store', 'postgres://iamra@127.0.0.1:9/db'], env());
    expect(expectUserError(unreachable, 4)).toBe('iamra: cannot reach the CA store postgres://iamra@127.0.0.1:9/db: ECONNREFUSED. Check that PostgreSQL runs and accepts connections there, then retry.');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--store', 'postgres://iamra:pw@127.0.0.1:notaport/db'], env()), 3))
      .toBe('iamra: cannot open the CA store postgres://iamra:***@127.0.0.1:notaport/db: the URL does not parse. Use postgres://USER@HOST[:PORT]/DATABASE (docs/ca.md, "PostgreSQL").');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--store', `${url}?sslmode=verify-full&sslrootcert=/nonexistent.pem`], env()), 3)).toContain('a TLS file the URL names (sslrootcert, sslcert or sslkey) does not exist');
    const empty = await server.createDatabase();
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca', '--store', empty], env()), 3)).toContain('the database holds no iamra schema. Run "iamra ca init --store URL"');
    expect(expectUserError(iamra(dir, ['ca', 'init', '--ca', 'again', '--subject', 'CN=Again', '--store', url], env()), 3)).toContain('it already holds one');
  });

  it('ca migrate creates and reports the schema; a newer schema is refused; the audit log is append-only', async () => {
    const dir = tempDir();
    const url = await server.createDatabase();
    expect(iamra(dir, ['ca', 'migrate', '--store', url], env()).stdout).toBe(`${url}: created schema version 1\n`);
    expect(iamra(dir, ['ca', 'migrate', '--store', url], env()).stdout).toBe(`${url}: already at schema version 1\n`);
    const other = await server.createDatabase();
    expect(iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=PG CA', '--store', other], env()).status).toBe(0);
    await expect(sql(other, 'UPDATE audit_log SET actor = $$x$$')).rejects.toThrow(/append-only/);
    await expect(sql(other, 'DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await sql(other, 'UPDATE schema_version SET version = 99');
    expect(expectUserError(iamra(dir, ['list', '--ca', 'ca'], env()), 3)).toMatch(/schema version 99 is newer than this iamra \(1\)\. Upgrade iamra\.$/);
    expect(expectUserError(iamra(dir, ['ca', 'migrate', '--ca', 'ca'], env()), 3)).toContain('schema version 99 is newer');
    // The SQLite store reports its own version through the same command.
    const local = tempDir();
    expect(iamra(local, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Local', '--no-encrypt']).status).toBe(0);
    expect(iamra(local, ['ca', 'migrate', '--ca', 'ca']).stdout).toBe('ca/ca.db: already at schema version 3\n');
  });
});

describe('ca export-store', () => {
  it('moves an SQLite CA to PostgreSQL and back with every record; refuses a destination holding records', async () => {
    const dir = tempDir();
    expect(iamra(dir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=Moving CA'], env()).status).toBe(0);
    opensslCsr(dir, 'w');
    const issued = JSON.parse(iamra(dir, ['issue', '--ca', 'ca', '--csr', 'w.csr', '--count', '3', '--json'], env()).stdout) as Array<{ serial: string }>;
    expect(iamra(dir, ['revoke', '--ca', 'ca', issued[0]!.serial], env()).status).toBe(0);
    expect(iamra(dir, ['crl', 'generate', '--ca', 'ca', '--out', 'a.crl'], env()).status).toBe(0);
    const url = await server.createDatabase();
    const moved = iamra(dir, ['ca', 'export-store', '--ca', 'ca', '--to', url], env());
    expect(moved.stderr).toBe('');
    expect(moved.stdout).toBe(`exported ca/ca.db to ${url}: settings 3, certificates 3, crls 1, crl_contents 0, templates 0, publish_targets 0, publish_history 0, audit_log 6\n`);
    const list = (store: string) => iamra(dir, ['list', '--ca', 'ca', '--json', '--store', store], env()).stdout;
    expect(list(url)).toBe(list('sqlite:ca/ca.db'));
    const audit = (store: string) => iamra(dir, ['ca', 'audit', '--ca', 'ca', '--json', '--store', store], env()).stdout;
    expect(audit(url)).toBe(audit('sqlite:ca/ca.db'));
    // The next CRL number continues on the new store.
    expect(iamra(dir, ['crl', 'generate', '--ca', 'ca', '--store', url, '--out', 'b.crl'], env()).stderr).toMatch(/^iamra: CRL 2: 1 entry,/);
    const back = iamra(dir, ['ca', 'export-store', '--ca', 'ca', '--from', url, '--store', 'sqlite:back.db'], env());
    expect(back.stdout).toMatch(/^exported postgres:\S+ to \S+\/back\.db: settings 3, certificates 3, crls 2, .* audit_log 7\n$/);
    expect(list('sqlite:back.db')).toBe(list(url));
    expect(expectUserError(iamra(dir, ['ca', 'export-store', '--ca', 'ca', '--to', url], env()), 3)).toContain('it already holds CA records. Choose an empty database.');
    expect(expectUserError(iamra(dir, ['ca', 'export-store', '--ca', 'ca'], env()), 2)).toContain('needs exactly one of --to LOCATION and --from LOCATION');
  });
});
