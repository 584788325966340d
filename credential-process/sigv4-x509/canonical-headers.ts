// Canonical headers and SignedHeaders (roles-anywhere.md §1.4 step 1): lower-case names, sorted;
// values trimmed with inner runs of spaces collapsed; repeated values comma-joined in order.
import { UNSIGNED_HEADERS } from './constants.js';

export type HeaderValues = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface CanonicalHeaders {
  /** `name:value\n` lines, sorted by name. */
  canonical: string;
  /** Names joined with ';', sorted. */
  signedHeaders: string;
}

/**
 * Canonicalises the named headers. With `names` omitted, every header except the ones the
 * official helper leaves unsigned (authorization, user-agent, x-amzn-trace-id).
 * A name listed but absent from `headers` canonicalises with an empty value, as a verifier must
 * rebuild exactly what the client claims to have signed.
 */
export function canonicalHeaders(headers: HeaderValues, names?: readonly string[]): CanonicalHeaders {
  const byName = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const list = byName.get(key) ?? [];
    list.push(...(typeof value === 'string' ? [value] : value));
    byName.set(key, list);
  }
  const selected = names
    ? [...new Set(names.map((n) => n.toLowerCase()))]
    : [...byName.keys()].filter((n) => !UNSIGNED_HEADERS.has(n));
  selected.sort();
  const canonical = selected
    .map((name) => `${name}:${(byName.get(name) ?? []).map(trimAll).join(',')}\n`)
    .join('');
  return { canonical, signedHeaders: selected.join(';') };
}

function trimAll(value: string): string {
  return value.trim().replace(/ +/g, ' ');
}
