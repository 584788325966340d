// Test-only: a CRL made by `openssl ca -gencrl` (real OpenSSL output) from index.txt lines, with the
// self-signed EC CA that signed it, written into a test's own directory.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OpensslCrlOptions {
  /** The test's mkdtemp directory. */
  dir: string;
  /** OpenSSL curve name, e.g. `P-256`. */
  curve: string;
  /** Digest of the CRL signature, e.g. `sha256`. */
  digest: string;
  subject: string;
  /** index.txt lines (`R\t<expiry>\t<revoked>[,reason]\t<SERIAL>\tunknown\t<name>`). */
  index: readonly string[];
  /** Hex CRL number. @default '01' */
  crlNumberHex?: string;
}

export function opensslCrl(options: OpensslCrlOptions): { pem: string; caPem: string } {
  const { dir } = options;
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', `ec_paramgen_curve:${options.curve}`, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', options.subject);
  writeFileSync(join(dir, 'index.txt'), [...options.index, ''].join('\n'));
  writeFileSync(join(dir, 'crlnumber'), `${options.crlNumberHex ?? '01'}\n`);
  writeFileSync(join(dir, 'ca.cnf'), `[ca]\ndefault_ca = d\n[d]\ndatabase = ${dir}/index.txt\ncrlnumber = ${dir}/crlnumber\ndefault_md = ${options.digest}\ndefault_crl_days = 7\n`);
  run('ca', '-gencrl', '-config', 'ca.cnf', '-keyfile', 'ca.key', '-cert', 'ca.pem', '-out', 'crl.pem', '-batch');
  return { pem: readFileSync(join(dir, 'crl.pem'), 'utf8'), caPem: readFileSync(join(dir, 'ca.pem'), 'utf8') };
}
