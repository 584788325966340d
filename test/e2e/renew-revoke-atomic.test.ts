// `iamra renew --revoke-old` is one store transaction: the renewal, its link and the old
// certificate's revocation commit together, or the store and the output paths stay as they were
// (a revoke refused by the database, a revocation landing while renew waits at its passphrase
// prompt, an already revoked certificate). `iamra list` and `sqlite3 .dump` are the witnesses.
import { spawnSync } from 'node:child_process';
import { createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onTerminal } from '../support/on-terminal.js';
import { IAMRA_BIN } from '../support/run-cli.js';
import { createCa, dumpDatabase, expectUserError, iamra, PASSPHRASE, sqlite, tempDir } from '../support/ca-fixture.js';
import { hasPostgres, ROLE_PASSWORD, startPostgres, type PostgresServer } from '../support/postgres-server.js';

let dir: string;

function issue(name: string): string {
  const result = iamra(dir, ['issue', '--ca', 'ca', '--generate-key', '--subject', `CN=${name}`, '--key-out', `${name}.key`, '--cert-out', `${name}.crt`, '--json']);
  if (result.status !== 0) throw new Error(result.stderr);
  return (JSON.parse(result.stdout) as { serial: string }).serial;
}

const hasScript = spawnSync('script', ['--version']).status === 0;
// The passphrase comes from the prompt on the terminal, not the environment.
const TERMINAL_ENV = { IAMRA_CA_PASSPHRASE: '' };

const listed = () => (JSON.parse(iamra(dir, ['list', '--ca', 'ca', '--json']).stdout) as Array<{ serial: string; status: string; renewedFrom: string | null }>);

beforeAll(() => {
  dir = tempDir('iamra-renew-atomic-');
  createCa(dir);
});

describe('renew --revoke-old commits everything together', () => {
  it('stores the renewal, the link, the revocation and both audit entries at once', () => {
    const old = issue('together');
    const result = iamra(dir, ['renew', '--ca', 'ca', old, '--key-out', 'together2.key', '--cert-out', 'together2.crt', '--revoke-old', '--json']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    const renewed = (JSON.parse(result.stdout) as { serial: string }).serial;
    expect(listed().filter((c) => [old, renewed].includes(c.serial))).toEqual([
      expect.objectContaining({ serial: old, status: 'revoked', renewedFrom: null }),
      expect.objectContaining({ serial: renewed, status: 'valid', renewedFrom: old }),
    ]);
    const audit = JSON.parse(iamra(dir, ['ca', 'audit', '--ca', 'ca', '--json']).stdout) as Array<{ id: number; at: string; action: string; serial: string; detail: Record<string, unknown> }>;
    const [renew, revoke] = audit.slice(-2);
    expect([renew?.action, renew?.serial, revoke?.action, revoke?.serial]).toEqual(['certificate.renew', renewed, 'certificate.revoke', old]);
    expect(revoke?.detail).toEqual({ reason: 'superseded', subject: 'CN=together', supersededBy: renewed });
    expect(revoke?.at).toBe(renew?.at);
    expect(revoke!.id).toBe(renew!.id + 1);
  });
});

describe('renew --revoke-old changes nothing when the revocation cannot be made', () => {
  it('a revoke the database refuses leaves no renewed certificate and no files', () => {
    const old = issue('refused');
    sqlite(join(dir, 'ca'), "CREATE TRIGGER refuse_revoke BEFORE UPDATE OF revoked_at ON certificates BEGIN SELECT RAISE(ABORT, 'revocations refused by the test'); END;");
    const before = { dump: dumpDatabase(join(dir, 'ca')), listed: listed() };
    try {
      const result = iamra(dir, ['renew', '--ca', 'ca', old, '--key-out', 'refused2.key', '--cert-out', 'refused2.crt', '--revoke-old']);
      expect(expectUserError(result, 70)).toMatch(/revocations refused by the test/);
      expect(result.stdout).toBe('');
      expect({ dump: dumpDatabase(join(dir, 'ca')), listed: listed() }).toEqual(before);
      expect([existsSync(join(dir, 'refused2.key')), existsSync(join(dir, 'refused2.crt'))]).toEqual([false, false]);
    } finally {
      sqlite(join(dir, 'ca'), 'DROP TRIGGER refuse_revoke');
    }
  });

  it.skipIf(!hasScript)('a revocation from another process while renew waits for its passphrase wins; renew stores nothing', async () => {
    const old = issue('raced');
    let afterRevoke = '';
    const command = [process.execPath, IAMRA_BIN, 'renew', '--ca', 'ca', old, '--key-out', 'raced2.key', '--cert-out', 'raced2.crt', '--revoke-old'];
    // renew has checked the old certificate (unrevoked) before it asks for the CA passphrase.
    const meanwhile = () => {
      const revoked = iamra(dir, ['revoke', '--ca', 'ca', old, '--reason', 'keyCompromise']);
      if (revoked.status !== 0) throw new Error(revoked.stderr);
      afterRevoke = dumpDatabase(join(dir, 'ca'));
    };
    const result = await onTerminal(command, { cwd: dir, env: TERMINAL_ENV, prompt: /Passphrase for the CA key: /, meanwhile, answer: PASSPHRASE });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(new RegExp(`iamra: cannot renew ${old}: it was revoked at \\S+ \\(keyCompromise\\)\\. Issue a new certificate with "iamra issue"\\.`));
    expect(dumpDatabase(join(dir, 'ca'))).toBe(afterRevoke);
    expect(listed().filter((c) => c.renewedFrom === old)).toEqual([]);
    expect([existsSync(join(dir, 'raced2.key')), existsSync(join(dir, 'raced2.crt'))]).toEqual([false, false]);
  });

  it('an already revoked certificate is refused with its successor named, and the store is unchanged', () => {
    const old = issue('twice');
    const first = iamra(dir, ['renew', '--ca', 'ca', old, '--key-out', 'twice2.key', '--cert-out', 'twice2.crt', '--revoke-old', '--json']);
    const successor = (JSON.parse(first.stdout) as { serial: string }).serial;
    const before = dumpDatabase(join(dir, 'ca'));
    const line = expectUserError(iamra(dir, ['renew', '--ca', 'ca', old, '--key-out', 'twice3.key', '--cert-out', 'twice3.crt', '--revoke-old']), 1);
    expect(line).toBe(`iamra: cannot renew ${old}: it was revoked at ${/revoked at (\S+) /.exec(line)?.[1]} (superseded). Renew its successor ${successor} instead.`);
    expect(dumpDatabase(join(dir, 'ca'))).toBe(before);
    expect(existsSync(join(dir, 'twice3.key'))).toBe(false);
  });

  it('refuses --key-out and --cert-out naming one file before anything is stored', () => {
    const old = issue('one-file');
    const before = dumpDatabase(join(dir, 'ca'));
    expect(expectUserError(iamra(dir, ['renew', '--ca', 'ca', old, '--key-out', 'same.pem', '--cert-out', './same.pem', '--revoke-old']), 2)).toMatch(/--key-out and --cert-out name the same file/);
    expect(dumpDatabase(join(dir, 'ca'))).toBe(before);
  });
});

// The files are written after the commit; one that cannot be written then leaves the renewal
// committed, and the error names the new serial and the way back. A file put in the way while
// renew waits at its passphrase prompt (after its output checks) makes the write fail.
describe.skipIf(!hasScript)('renew --revoke-old when a file cannot be written after the commit', () => {
  it.each([
    { blocked: 'late.crt', recovery: (serial: string) => `export the certificate with "iamra export ${serial} --out FILE"`, isKeyKept: true },
    { blocked: 'late.key', recovery: (serial: string) => `renew ${serial} again for a key (the generated one was not kept)`, isKeyKept: false },
  ])('$blocked in the way: the renewal stays committed and the error says how to recover', async ({ blocked, recovery, isKeyKept }) => {
    const name = `late-${blocked.replace('.', '-')}`;
    const old = issue(name);
    const command = [process.execPath, IAMRA_BIN, 'renew', '--ca', 'ca', old, '--key-out', 'late.key', '--cert-out', 'late.crt', '--revoke-old'];
    const result = await onTerminal(command, { cwd: dir, env: TERMINAL_ENV, prompt: /Passphrase for the CA key: /, meanwhile: () => writeFileSync(join(dir, blocked), 'in the way\n'), answer: PASSPHRASE });
    const renewal = listed().find((c) => c.renewedFrom === old);
    expect(renewal).toBeDefined();
    expect(listed().find((c) => c.serial === old)?.status).toBe('revoked');
    expect(result.status).toBe(3);
    expect(result.output).toContain(`iamra: cannot write ${blocked}: the file already exists. Remove it or choose another path. The renewal ${renewal?.serial} of ${old} is committed (the old certificate revoked): ${recovery(renewal!.serial)}.`);
    expect(readFileSync(join(dir, blocked), 'utf8')).toBe('in the way\n');
    if (isKeyKept) {
      const exported = iamra(dir, ['export', '--ca', 'ca', renewal!.serial]);
      expect(new X509Certificate(exported.stdout).publicKey.equals(createPublicKey(readFileSync(join(dir, 'late.key'))))).toBe(true);
    }
    for (const file of ['late.key', 'late.crt']) rmSync(join(dir, file), { force: true });
  });
});

// The same on a PostgreSQL store: a trigger refuses the revocation, and the renewal goes with it.
describe.skipIf(!hasPostgres)('renew --revoke-old on PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.remove());

  const sql = async (url: string, text: string): Promise<void> => void (await server.query(url, text));

  it('a revoke the database refuses leaves no renewed certificate; without the trigger both commit', async () => {
    const pgDir = tempDir('iamra-renew-pg-');
    const env = { PGPASSWORD: ROLE_PASSWORD };
    const url = await server.createDatabase();
    expect(iamra(pgDir, ['ca', 'init', '--ca', 'ca', '--subject', 'CN=PG Renew CA', '--store', url], env).status).toBe(0);
    const issued = iamra(pgDir, ['issue', '--ca', 'ca', '--generate-key', '--subject', 'CN=pg-old', '--key-out', 'old.key', '--cert-out', 'old.crt', '--json'], env);
    const old = (JSON.parse(issued.stdout) as { serial: string }).serial;
    await sql(url, "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'revocations refused by the test'; END $$");
    await sql(url, 'CREATE TRIGGER refuse BEFORE UPDATE OF revoked_at ON certificates FOR EACH ROW EXECUTE FUNCTION refuse()');
    const state = () => ({ list: iamra(pgDir, ['list', '--ca', 'ca', '--json'], env).stdout, audit: iamra(pgDir, ['ca', 'audit', '--ca', 'ca', '--json'], env).stdout });
    const before = state();
    const refused = iamra(pgDir, ['renew', '--ca', 'ca', old, '--key-out', 'new.key', '--cert-out', 'new.crt', '--revoke-old'], env);
    // The trigger's RAISE EXCEPTION (SQLSTATE P0001) is a failed operation of the store (exit 4).
    expect(expectUserError(refused, 4)).toMatch(/failed an operation \(SQLSTATE P0001\)/);
    expect(state()).toEqual(before);
    expect([existsSync(join(pgDir, 'new.key')), existsSync(join(pgDir, 'new.crt'))]).toEqual([false, false]);
    await sql(url, 'DROP TRIGGER refuse ON certificates');
    const renewed = iamra(pgDir, ['renew', '--ca', 'ca', old, '--key-out', 'new.key', '--cert-out', 'new.crt', '--revoke-old', '--json'], env);
    expect([renewed.status, renewed.stderr]).toEqual([0, '']);
    const serial = (JSON.parse(renewed.stdout) as { serial: string }).serial;
    const listed = JSON.parse(iamra(pgDir, ['list', '--ca', 'ca', '--json'], env).stdout) as Array<{ serial: string; status: string; revocationReason: string | null; renewedFrom: string | null }>;
    expect(listed.map((c) => [c.serial, c.status, c.revocationReason, c.renewedFrom])).toEqual([[old, 'revoked', 'superseded', null], [serial, 'valid', null, old]]);
  });
});
