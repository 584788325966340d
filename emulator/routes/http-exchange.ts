// Reading a request and writing JSON answers, the rest-json way (roles-anywhere.md §1.8, §5):
// blobs as base64, errors as status + x-amzn-ErrorType + {"message"}.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorServiceError } from '../errors.js';

export const MAX_BODY_BYTES = 1_048_576;

export interface ReceivedRequest {
  method: string;
  path: string;
  rawQuery: string;
  /** Lower-cased names to values in the order received. */
  headers: Map<string, string[]>;
  body: Buffer;
}

export async function readRequest(message: IncomingMessage): Promise<ReceivedRequest> {
  const url = message.url ?? '/';
  const q = url.indexOf('?');
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    const name = message.rawHeaders[i]!.toLowerCase();
    const list = headers.get(name) ?? [];
    list.push(message.rawHeaders[i + 1]!);
    headers.set(name, list);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new EmulatorServiceError('ValidationException', 413, 'Request entity too large', `body over ${MAX_BODY_BYTES} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return {
    method: (message.method ?? 'GET').toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers,
    body: Buffer.concat(chunks),
  };
}

/** JSON with Buffers written as base64, as rest-json writes blobs. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
      return Buffer.from((v as { data: number[] }).data).toString('base64');
    }
    return v;
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = toJson(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: EmulatorServiceError): void {
  const text = JSON.stringify({ message: error.message });
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.type,
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
