// RFC 3986 percent-encoding as SigV4 wants it: everything but A-Za-z0-9-_.~, upper-case hex.

export function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
