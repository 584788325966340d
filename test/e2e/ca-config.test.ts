// The CA's configuration file (ca.json): written by `ca init`, optional for older CA directories,
// relocatable store and key, and clear errors for what this iamra cannot open.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCa, expectUserError, iamra, opensslCsr, tempDir } from '../support/ca-fixture.js';

let dir: string;
let caDir: string;

/** A copy of the CA in `<dir>/<name>`, changed by `change`. */
function copyWith(name: string, change: (copy: string) => void): string {
  const copy = join(dir, name);
  cpSync(caDir, copy, { recursive: true });
  change(copy);
  return name;
}

beforeAll(() => {
  dir = tempDir();
  caDir = createCa(dir);
  opensslCsr(dir, 'w');
});

describe('ca.json', () => {
  it('is written by ca init, version 1, naming the SQLite store and the key file', () => {
    expect(JSON.parse(readFileSync(join(caDir, 'ca.json'), 'utf8'))).toEqual({ version: 1, store: 'sqlite:ca.db', key: 'file:ca.key' });
  });

  it('is optional: a CA directory from before it existed issues, lists and signs CRLs as before', () => {
    const name = copyWith('old', (copy) => rmSync(join(copy, 'ca.json')));
    const issued = iamra(dir, ['issue', '--ca', name, '--csr', 'w.csr', '--json']);
    expect(issued.stderr).toBe('');
    const serial = (JSON.parse(issued.stdout) as { serial: string }).serial;
    expect(iamra(dir, ['list', '--ca', name]).stdout).toContain(serial);
    expect(iamra(dir, ['crl', 'generate', '--ca', name, '--out', 'old.crl']).status).toBe(0);
  });

  it('can put the store and the key elsewhere', () => {
    const name = copyWith('moved', (copy) => {
      for (const suffix of ['', '-wal', '-shm']) {
        if (existsSync(join(copy, `ca.db${suffix}`))) renameSync(join(copy, `ca.db${suffix}`), join(copy, `state.db${suffix}`));
      }
      renameSync(join(copy, 'ca.key'), join(copy, 'signing.key'));
      writeFileSync(join(copy, 'ca.json'), JSON.stringify({ version: 1, store: 'sqlite:state.db', key: `file:${join(copy, 'signing.key')}` }));
    });
    const issued = iamra(dir, ['issue', '--ca', name, '--csr', 'w.csr', '--json']);
    expect(issued.stderr).toBe('');
    expect(issued.status).toBe(0);
  });

  it.each([
    ['an unknown store scheme', { version: 1, store: 'mysql://db/ca', key: 'file:ca.key' }, /^iamra: cannot open the CA store "mysql:\/\/db\/ca" \(.*ca\.json\): this iamra supports sqlite:FILE and postgres:\/\/\.\.\. URLs\. Fix "store" in ca\.json, --store or IAMRA_STORE\.$/],
    ['an unknown key scheme', { version: 1, store: 'sqlite:ca.db', key: 'kms:alias/ca' }, /^iamra: cannot open the CA key "kms:alias\/ca" \(.*ca\.json\): this iamra supports file:FILE and pkcs11: URIs\. Fix "key" in ca\.json\.$/],
    ['a token key with its PIN', { version: 1, store: 'sqlite:ca.db', key: 'pkcs11:token=ca;object=k?pin-value=1234' }, /^iamra: cannot use CA configuration .*ca\.json: "key" holds a pin-value, and a PIN is never stored there \(use pin-source=FILE or \$IAMRA_CA_PIN\)\. Fix or remove ca\.json/],
    ['another version', { version: 2, store: 'sqlite:ca.db', key: 'file:ca.key' }, /^iamra: cannot use CA configuration .*ca\.json: version 2 is not 1; a newer iamra may have written it\. Fix or remove ca\.json/],
  ])('refuses %s with one line, exit 3', (_, config, message) => {
    const name = copyWith(`bad-${config.version}-${config.store.slice(0, 4)}-${config.key.slice(0, 4)}`, (copy) => writeFileSync(join(copy, 'ca.json'), JSON.stringify(config)));
    expect(expectUserError(iamra(dir, ['list', '--ca', name]), 3)).toMatch(message);
  });

  it('refuses a ca.json that is not JSON (CA_CONFIG_INVALID, exit 3)', () => {
    const name = copyWith('notjson', (copy) => writeFileSync(join(copy, 'ca.json'), '{ store: sqlite }'));
    expect(expectUserError(iamra(dir, ['list', '--ca', name]), 3)).toMatch(/^iamra: cannot use CA configuration .*notjson\/ca\.json: it is not JSON\. Fix or remove ca\.json/);
  });
});
