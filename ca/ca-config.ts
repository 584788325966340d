// The CA's configuration file (ca.json, version 1): where its store and its signing key are.
// A CA directory without one (made before the file existed) uses the defaults.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { describeFileError, InputError } from '../errors.js';
import { isPkcs11Uri } from '../keys/pkcs11/pkcs11-uri.js';

export const CA_CONFIG_FILE = 'ca.json';
export const CA_CONFIG_VERSION = 1;

export interface CaConfig {
  version: typeof CA_CONFIG_VERSION;
  /** Store location: `sqlite:FILE` (relative to the CA directory) or `postgres://USER@HOST/DB` (no password). */
  store: string;
  /**
   * Key location: `file:FILE` (relative to the CA directory), or an RFC 7512 `pkcs11:` URI of a
   * token key (its module in `module-path`; never a `pin-value`).
   */
  key: string;
}

/** What a CA directory without ca.json uses, and what `ca init` writes. */
export const DEFAULT_CA_CONFIG: CaConfig = { version: CA_CONFIG_VERSION, store: 'sqlite:ca.db', key: 'file:ca.key' };

/** `url` never holds a password in ca.json; one on the command line or in IAMRA_STORE is kept in memory only. */
export type StoreLocation = { scheme: 'sqlite'; path: string } | { scheme: 'postgres'; url: string };
export type KeyLocation = { scheme: 'file'; path: string } | { scheme: 'pkcs11'; uri: string };

function invalid(path: string, why: string, cause?: unknown): InputError {
  return new InputError('CA_CONFIG_INVALID', `cannot use CA configuration ${path}: ${why}. Fix or remove ${CA_CONFIG_FILE} (docs/ca.md, "The CA directory").`, { cause });
}

/** Reads `dir`/ca.json; the defaults when there is none. */
export function readCaConfig(dir: string): CaConfig {
  const path = join(dir, CA_CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return DEFAULT_CA_CONFIG;
    throw invalid(path, describeFileError(error), error);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(path, 'it is not JSON', error);
  }
  if (typeof value !== 'object' || value === null) throw invalid(path, 'it is not a JSON object');
  const { version, store, key } = value as Record<string, unknown>;
  if (version !== CA_CONFIG_VERSION) throw invalid(path, `version ${JSON.stringify(version)} is not ${CA_CONFIG_VERSION}; a newer iamra may have written it`);
  if (typeof store !== 'string' || typeof key !== 'string') throw invalid(path, '"store" and "key" must be strings');
  // A database password does not belong in a file others may read, as a PIN does not.
  if (isPostgresUrl(store) && storeLocationForConfig(store) !== store) throw invalid(path, '"store" holds a database password, and a password is never stored there (use PGPASSWORD or ~/.pgpass)');
  return { version, store, key };
}

/** The file of a `scheme:FILE` location, resolved against the CA directory. */
function filePart(location: string, scheme: string, dir: string): string | undefined {
  if (!location.startsWith(`${scheme}:`)) return undefined;
  const file = location.slice(scheme.length + 1);
  if (file === '') return undefined;
  return isAbsolute(file) ? file : join(dir, file);
}

export function parseStoreLocation(location: string, dir: string): StoreLocation {
  const path = filePart(location, 'sqlite', dir);
  if (path !== undefined) return { scheme: 'sqlite', path };
  if (isPostgresUrl(location)) return { scheme: 'postgres', url: location };
  throw new InputError('CA_STORE_UNSUPPORTED', `cannot open the CA store ${JSON.stringify(redactStoreUrl(location))} (${join(dir, CA_CONFIG_FILE)}): this iamra supports sqlite:FILE and postgres://... URLs. Fix "store" in ${CA_CONFIG_FILE}, --store or IAMRA_STORE.`);
}

export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** The location with any password in a URL replaced, for messages and ca.json. */
export function redactStoreUrl(location: string): string {
  return location.replace(/^([a-z]+:\/\/[^/@:]*):[^@/]*@/i, '$1:***@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/** The location as ca.json records it: a URL loses its password (it comes from PGPASSWORD or ~/.pgpass). */
export function storeLocationForConfig(location: string): string {
  return location.replace(/^([a-z]+:\/\/[^/@:]*):[^@/]*@/i, '$1@').replace(/([?&])password=[^&]*&?/gi, '$1').replace(/[?&]$/, '');
}

/** A short name of a store for messages: the file, or the URL without its password. */
export function describeStoreLocation(location: StoreLocation): string {
  return location.scheme === 'sqlite' ? location.path : redactStoreUrl(location.url);
}

export function parseKeyLocation(location: string, dir: string): KeyLocation {
  const path = filePart(location, 'file', dir);
  if (path !== undefined) return { scheme: 'file', path };
  if (isPkcs11Uri(location)) {
    // A PIN does not belong in a file others may read; pin-source names a file holding it.
    if (/[?&]pin-value=/i.test(location)) throw invalid(join(dir, CA_CONFIG_FILE), '"key" holds a pin-value, and a PIN is never stored there (use pin-source=FILE or $IAMRA_CA_PIN)');
    return { scheme: 'pkcs11', uri: location };
  }
  throw new InputError('CA_KEY_UNSUPPORTED', `cannot open the CA key ${JSON.stringify(location.split('?')[0])} (${join(dir, CA_CONFIG_FILE)}): this iamra supports file:FILE and pkcs11: URIs. Fix "key" in ${CA_CONFIG_FILE}.`);
}

export function caConfigJson(config: CaConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
