// The files of a CA directory (`--ca DIR`): certificate, key, database, pending CSR, issuer chain, config.
import { join, resolve } from 'node:path';

export interface CaPaths {
  dir: string;
  /** The CA certificate, the Roles Anywhere trust anchor (PEM). */
  certificate: string;
  /** The CA private key, PKCS#8 PEM (encrypted unless created with --no-encrypt), mode 0600. */
  key: string;
  database: string;
  /** The intermediate's CSR, waiting for `ca import-cert`. */
  csr: string;
  /** Certificates above an intermediate CA, as given to `ca import-cert --chain`. */
  chain: string;
  /** The CA's configuration: where its store and key are (ca/ca-config.ts). */
  config: string;
}

export function caPaths(dir: string): CaPaths {
  const root = resolve(dir);
  return {
    dir: root,
    certificate: join(root, 'ca.crt'),
    key: join(root, 'ca.key'),
    database: join(root, 'ca.db'),
    csr: join(root, 'ca.csr'),
    chain: join(root, 'ca-chain.crt'),
    config: join(root, 'ca.json'),
  };
}
