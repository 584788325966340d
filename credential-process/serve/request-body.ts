// No route of serve takes a request body (PUT /latest/api/token included): a request announcing
// one is refused with 413 from its headers alone, before a byte of the body is read.
import type { IncomingMessage } from 'node:http';

export function hasRequestBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && !/^0+$/.test(length.trim()));
}
