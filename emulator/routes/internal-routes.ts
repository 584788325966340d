// The emulator's own endpoints under /_iamra/ (not part of the AWS API, never in AWS-shaped
// answers): define, list and delete roles while it runs; recent decisions; a health check. With
// --access-keys, server.ts lets through only SigV4-signed calls (the health check excepted).
import { EmulatorServiceError, validationError } from '../errors.js';
import type { RoleDefinition } from '../role-definition.js';
import { deleteRole, listRoles, putRole, toRoleDefinition } from '../service/roles.js';
import type { ServiceContext } from '../service/service-context.js';
import type { RoleRecord } from '../state/state-store.js';
import type { ReceivedRequest } from './http-exchange.js';

export const INTERNAL_PREFIX = '/_iamra/';
/** Open even with --access-keys: it tells only that the emulator is up. */
export const INTERNAL_HEALTH_PATH = '/_iamra/health';

export interface InternalAnswer {
  status: number;
  body: unknown;
}

/** PUT takes one role or `{"roles": [...]}` and answers with the roles stored. */
export async function handleInternal(ctx: ServiceContext, request: ReceivedRequest): Promise<InternalAnswer> {
  const route = `${request.method} ${request.path}`;
  if (route === `GET ${INTERNAL_HEALTH_PATH}`) return { status: 200, body: { ok: true } };
  if (route === 'GET /_iamra/decisions') return { status: 200, body: { decisions: ctx.decisions.recent() } };
  if (route === 'GET /_iamra/roles') return { status: 200, body: { roles: await listRoles(ctx) } };
  if (route === 'PUT /_iamra/roles') {
    const body = parseJson(request.body);
    const roles = Array.isArray((body as { roles?: unknown }).roles) ? (body as { roles: RoleDefinition[] }).roles : [body as RoleDefinition];
    const stored: RoleRecord[] = [];
    // One at a time, in the order given: a later definition of the same ARN wins, as before.
    for (const role of roles) stored.push(toRoleDefinition(await putRole(ctx, role)));
    return { status: 200, body: { roles: stored } };
  }
  if (route === 'DELETE /_iamra/roles') {
    const arn = new URLSearchParams(request.rawQuery).get('arn');
    if (!arn || !(await deleteRole(ctx, arn))) throw new EmulatorServiceError('ResourceNotFoundException', 404, 'Role not found');
    return { status: 200, body: {} };
  }
  throw new EmulatorServiceError('UnknownOperationException', 404, `Unknown emulator endpoint ${route}`);
}

function parseJson(body: Buffer): object {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (typeof value === 'object' && value !== null) return value;
  } catch {
    // fall through to the error below
  }
  throw validationError('The body must be a JSON object: a role, or {"roles": [...]}');
}
