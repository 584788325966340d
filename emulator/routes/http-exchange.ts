// Reading a request and writing JSON answers, the rest-json way (roles-anywhere.md §1.8, §5):
// blobs as base64, errors as status + x-amzn-ErrorType + {"message"}.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorServiceError } from '../errors.js';
import { queryErrorXml } from './query-xml.js';

export const MAX_BODY_BYTES = 1_048_576;

export interface ReceivedRequest {
  method: string;
  path: string;
  rawQuery: string;
  /** Lower-cased names to values in the order received. */
  headers: Map<string, string[]>;
  body: Buffer;
  remoteAddress: string | undefined;
}

export async function readRequest(message: IncomingMessage): Promise<ReceivedRequest> {
  const url = message.url ?? '/';
  const q = url.indexOf('?');
  const headers = new Map<string, string[]>();
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    // Non-null: i + 1 < rawHeaders.length in this loop, so both entries exist.
    const name = message.rawHeaders[i]!.toLowerCase();
    const list = headers.get(name) ?? [];
    // Non-null: i + 1 < rawHeaders.length in this loop.
    list.push(message.rawHeaders[i + 1]!);
    headers.set(name, list);
  }
  const body = await readBody(message);
  return {
    method: (message.method ?? 'GET').toUpperCase(),
    path: q < 0 ? url : url.slice(0, q),
    rawQuery: q < 0 ? '' : url.slice(q + 1),
    headers,
    body,
    remoteAddress: message.socket.remoteAddress,
  };
}

/** The body, refused past MAX_BODY_BYTES (events rather than an async iterator: cheaper per request). */
function readBody(message: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        message.removeAllListeners('data');
        message.resume();
        reject(new EmulatorServiceError('ValidationException', 413, 'Request entity too large', `body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    // Non-null: chunks.length === 1 is checked in the same expression.
    message.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    message.on('error', reject);
  });
}

/** JSON with Buffers written as base64, as rest-json writes blobs. */
export function toJson(value: unknown): string {
  const plain = JSON.stringify(value);
  if (!plain.includes('"type":"Buffer"')) return plain;
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
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}

/** The one error renderer: rest-json (status, x-amzn-ErrorType, {"message"}) or, for IAM and STS, Query XML. */
export function sendError(response: ServerResponse, error: EmulatorServiceError, xmlNamespace?: string): void {
  const requestId = randomUUID();
  const text =
    xmlNamespace === undefined
      ? JSON.stringify({ message: error.message })
      : queryErrorXml({ namespace: xmlNamespace, code: error.type, message: error.message, isSender: error.status < 500, requestId });
  response.writeHead(error.status, {
    'content-type': xmlNamespace === undefined ? 'application/json' : 'text/xml',
    'content-length': Buffer.byteLength(text),
    ...(xmlNamespace === undefined ? { 'x-amzn-ErrorType': error.type } : {}),
    'x-amzn-RequestId': requestId,
  });
  response.end(text);
}

export function sendXml(response: ServerResponse, status: number, xml: string, requestId: string): void {
  response.writeHead(status, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(xml), 'x-amzn-RequestId': requestId });
  response.end(xml);
}
