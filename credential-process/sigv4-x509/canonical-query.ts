// Canonical query string (roles-anywhere.md §1.4 step 1): encoded names and values, sorted by
// name then value, joined with '&'.
import { uriEncode } from './uri-encode.js';

export type QueryParameters = ReadonlyArray<readonly [name: string, value: string]>;

export function canonicalQuery(parameters: QueryParameters): string {
  return parameters
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * Parses a raw (already percent-encoded) query string into decoded pairs. `+` is a space,
 * as Go's and Node's form decoders read it.
 */
export function parseQueryString(raw: string): Array<[string, string]> {
  if (raw === '') return [];
  return raw.split('&').map((part) => {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    return [decodeComponent(name), decodeComponent(value)];
  });
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
