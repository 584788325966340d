// A received CreateSession request, independent of the HTTP server that read it.

export interface SessionRequest {
  method: string;
  /** Path as received, without the query. */
  path: string;
  /** Raw query string as received (no leading '?'). */
  rawQuery: string;
  /** Lower-cased header names to their values, in the order received. */
  headers: ReadonlyMap<string, readonly string[]>;
  body: Buffer;
}

export function headerValue(request: SessionRequest, name: string): string | undefined {
  const values = request.headers.get(name);
  return values === undefined ? undefined : values.join(',');
}
