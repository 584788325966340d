// Test helpers for CAs on PostgreSQL: a CA made through the CLI with --store, copied to several
// "node" directories (each node holds ca.json, ca.crt and the key; all share the database), and
// reading a CRL's number and serials with `openssl crl -text`.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CA_ENV, iamra, openssl } from './ca-fixture.js';
import { ROLE_PASSWORD } from './postgres-server.js';

/** The environment of a node: the CA passphrase and the database password (never in argv). */
export const NODE_ENV = { ...CA_ENV, PGPASSWORD: ROLE_PASSWORD };

/** Creates a CA whose store is `url` in `<dir>/node-1`, copied to node-2..node-N. */
export function createNodes(dir: string, url: string, count: number): string[] {
  const first = iamra(dir, ['ca', 'init', '--ca', 'node-1', '--subject', 'CN=Shared CA,O=Example', '--store', url], NODE_ENV);
  if (first.status !== 0) throw new Error(`ca init failed: ${first.stderr}`);
  const nodes = [join(dir, 'node-1')];
  for (let i = 2; i <= count; i++) {
    cpSync(nodes[0]!, join(dir, `node-${i}`), { recursive: true });
    nodes.push(join(dir, `node-${i}`));
  }
  return nodes;
}

export interface CrlText {
  crlNumber: number;
  serials: string[];
}

/** The CRL number and revoked serials (lower-case hex) of a PEM CRL, as OpenSSL reads them. */
export function readCrl(dir: string, pem: string, caFile: string): CrlText {
  const file = join(dir, `read-${Date.now()}-${Math.random()}.pem`);
  writeFileSync(file, pem);
  const verified = openssl(['crl', '-in', file, '-CAfile', caFile, '-noout'], dir);
  if (!/verify OK/.test(verified.stderr + verified.stdout)) throw new Error(`openssl crl does not verify the CRL: ${verified.stderr}`);
  const text = openssl(['crl', '-in', file, '-text', '-noout'], dir).stdout;
  const number = /X509v3 CRL Number:\s*\n\s*(\S+)/.exec(text)?.[1];
  if (number === undefined) throw new Error(`no CRL number in:\n${text}`);
  const serials = [...text.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => bareSerial(m[1]!));
  return { crlNumber: Number(number), serials };
}

/** A serial as lower-case hex without leading zeros, for comparing OpenSSL's text with iamra's. */
export function bareSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}
