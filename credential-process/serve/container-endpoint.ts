// The container credentials protocol of `serve --container-token-file` (what the SDKs read from
// AWS_CONTAINER_CREDENTIALS_FULL_URI, sending AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE] as the
// Authorization header): GET /v1/credentials[/NAME] answers AccessKeyId, SecretAccessKey, Token,
// Expiration. A missing or wrong token is refused; the comparison takes constant time.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readInputFile } from '../../io/read-input-file.js';
import type { ServedRole } from './imds-server.js';

/** A token is a short secret; a larger file is not one. */
const TOKEN_FILE_MAX_BYTES = 64 * 1024;

export const CONTAINER_PATH = '/v1/credentials';

/** Reads the token file on every request, so a rotated token takes effect at once. */
export function tokenFromFile(path: string): () => string | undefined {
  return () => {
    try {
      const token = readInputFile(path, { what: '--container-token-file', maxBytes: TOKEN_FILE_MAX_BYTES }).toString('utf8').trim();
      return token === '' ? undefined : token;
    } catch {
      return undefined;
    }
  };
}

/** Equal-length digests, so neither the token's length nor its content leaks through timing. */
export function isTokenValid(presented: string | undefined, expected: string | undefined): boolean {
  if (presented === undefined || expected === undefined) return false;
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(`${JSON.stringify(body)}\n`);
}

/** The role a container path names: /v1/credentials is the only role's, or undefined with several. */
export function containerRole(path: string, roles: readonly ServedRole[]): ServedRole | undefined {
  if (path === CONTAINER_PATH) return roles.length === 1 ? roles[0] : undefined;
  const name = path.slice(CONTAINER_PATH.length + 1);
  return roles.find((r) => r.name === name);
}

export function handleContainerRequest(req: IncomingMessage, res: ServerResponse, role: ServedRole | undefined, expectedToken: () => string | undefined): void {
  if (req.method !== 'GET') return sendJson(res, 405, { code: 'MethodNotAllowed', message: 'use GET' });
  const authorization = req.headers.authorization;
  if (!isTokenValid(typeof authorization === 'string' ? authorization : undefined, expectedToken())) {
    return sendJson(res, 401, { code: 'Unauthorized', message: 'missing or wrong Authorization token' });
  }
  if (!role) return sendJson(res, 404, { code: 'NotFound', message: 'no such role: use /v1/credentials/NAME' });
  const served = role.refresher.current();
  if (!served) return sendJson(res, 503, { code: 'ServiceUnavailable', message: 'no valid credentials' });
  const { credentials } = served;
  sendJson(res, 200, { AccessKeyId: credentials.accessKeyId, SecretAccessKey: credentials.secretAccessKey, Token: credentials.sessionToken, Expiration: credentials.expiration, RoleArn: role.roleArn });
}
