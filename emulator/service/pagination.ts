// List pagination (roles-anywhere.md §5): pageSize and an opaque nextToken.
import { validationError } from '../errors.js';
import type { ListRequest } from './shapes.js';
import { Validator } from './validation.js';

export const DEFAULT_PAGE_SIZE = 50;

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

export function paginate<T>(all: readonly T[], request: ListRequest = {}): Page<T> {
  const v = new Validator();
  v.string('nextToken', request.nextToken, { min: 1, max: 10000 });
  v.integer('pageSize', request.pageSize, { min: 1 });
  v.check();
  const size = request.pageSize ?? DEFAULT_PAGE_SIZE;
  const start = request.nextToken === undefined ? 0 : decodeToken(request.nextToken);
  const end = start + size;
  return { items: all.slice(start, end), nextToken: end < all.length ? encodeToken(end) : undefined };
}

function encodeToken(offset: number): string {
  return Buffer.from(`iamra-offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number {
  const m = /^iamra-offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw validationError('Invalid nextToken', `nextToken ${JSON.stringify(token)} was not issued by this emulator`);
  return Number(m[1]);
}
