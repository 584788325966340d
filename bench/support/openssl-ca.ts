// Benchmark baseline: an `openssl ca` set-up (config, index.txt) over the same CA key and certificate.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface OpensslCa {
  dir: string;
  config: string;
}

/** Writes an `openssl ca` config issuing the same profile iamra issues (CA:false, digitalSignature, clientAuth, SKI, AKI). */
export function writeOpensslCa(dir: string, caCert: string, caKey: string): OpensslCa {
  mkdirSync(join(dir, 'newcerts'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'index.txt.attr'), 'unique_subject = no\n');
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  const config = join(dir, 'openssl-ca.cnf');
  writeFileSync(config, `[ ca ]
default_ca = bench_ca

[ bench_ca ]
dir = ${dir}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
certificate = ${caCert}
private_key = ${caKey}
crlnumber = $dir/crlnumber
rand_serial = yes
default_md = sha256
default_days = 30
default_crl_days = 7
policy = policy_any
unique_subject = no
copy_extensions = none
x509_extensions = leaf_ext
crl_extensions = crl_ext
preserve = yes

[ policy_any ]
commonName = supplied
organizationName = optional

[ leaf_ext ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[ crl_ext ]
authorityKeyIdentifier = keyid:always
`);
  return { dir, config };
}

/** Runs openssl; throws with its stderr on failure; returns elapsed milliseconds. */
export function timeOpenssl(args: string[], cwd: string): number {
  const start = process.hrtime.bigint();
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
  return elapsed;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
