// The rest-json routes of the control plane (botocore rolesanywhere 1.43.11, roles-anywhere.md
// §3.1, §5): method and path template to a ControlPlane call, with the success status.
import { EmulatorServiceError } from '../errors.js';
import type { ControlPlane } from '../service/control-plane.js';
import type { DeleteAttributeMappingRequest, ListRequest } from '../service/shapes.js';

export interface RouteInput {
  params: Record<string, string>;
  query: ReadonlyArray<readonly [string, string]>;
  body: Record<string, unknown>;
}

interface Route {
  method: string;
  segments: string[];
  status: number;
  handle(control: ControlPlane, input: RouteInput): Promise<unknown>;
}

/**
 * The wire members as the request type the route's ControlPlane call takes (inferred from the
 * call). The one cast is sound because every service function checks each member with its
 * Validator before it uses one: a member of the wrong type is a ValidationException, not a crash.
 */
function wireRequest<T>(members: Record<string, unknown>): T {
  return members as T;
}
const withBody = <T>(input: RouteInput, extra: Record<string, unknown> = {}): T => wireRequest<T>({ ...input.body, ...input.params, ...extra });
const ids = <T>(input: RouteInput): T => wireRequest<T>({ ...input.params });

function listRequest(input: RouteInput): ListRequest {
  const nextToken = input.query.find(([k]) => k === 'nextToken')?.[1];
  const rawSize = input.query.find(([k]) => k === 'pageSize')?.[1];
  let pageSize: number | undefined;
  if (rawSize !== undefined) {
    pageSize = /^-?\d+$/.test(rawSize) ? Number(rawSize) : Number.NaN;
    if (Number.isNaN(pageSize)) throw new EmulatorServiceError('SerializationException', 400, `Invalid value for pageSize: ${rawSize}`);
  }
  return wireRequest<ListRequest>({ nextToken, pageSize });
}

/** crlData is a base64 blob on the wire and a Buffer in process. */
function crlBody<T>(input: RouteInput): T {
  const data = input.body.crlData;
  if (data === undefined || data === null) return withBody<T>(input);
  if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    throw new EmulatorServiceError('SerializationException', 400, 'crlData must be a base64 string');
  }
  return withBody<T>(input, { crlData: Buffer.from(data, 'base64') });
}

const ROUTE_TABLE: ReadonlyArray<[string, string, number, Route['handle']]> = [
  ['POST', '/trustanchors', 201, (c, i) => c.createTrustAnchor(withBody(i))],
  ['GET', '/trustanchors', 200, (c, i) => c.listTrustAnchors(listRequest(i))],
  ['GET', '/trustanchor/:trustAnchorId', 200, (c, i) => c.getTrustAnchor(ids(i))],
  ['PATCH', '/trustanchor/:trustAnchorId', 200, (c, i) => c.updateTrustAnchor(withBody(i))],
  ['DELETE', '/trustanchor/:trustAnchorId', 200, (c, i) => c.deleteTrustAnchor(ids(i))],
  ['POST', '/trustanchor/:trustAnchorId/enable', 200, (c, i) => c.enableTrustAnchor(ids(i))],
  ['POST', '/trustanchor/:trustAnchorId/disable', 200, (c, i) => c.disableTrustAnchor(ids(i))],
  ['PATCH', '/put-notifications-settings', 200, (c, i) => c.putNotificationSettings(withBody(i))],
  ['PATCH', '/reset-notifications-settings', 200, (c, i) => c.resetNotificationSettings(withBody(i))],
  ['POST', '/profiles', 201, (c, i) => c.createProfile(withBody(i))],
  ['GET', '/profiles', 200, (c, i) => c.listProfiles(listRequest(i))],
  ['GET', '/profile/:profileId', 200, (c, i) => c.getProfile(ids(i))],
  ['PATCH', '/profile/:profileId', 200, (c, i) => c.updateProfile(withBody(i))],
  ['DELETE', '/profile/:profileId', 200, (c, i) => c.deleteProfile(ids(i))],
  ['POST', '/profile/:profileId/enable', 200, (c, i) => c.enableProfile(ids(i))],
  ['POST', '/profile/:profileId/disable', 200, (c, i) => c.disableProfile(ids(i))],
  ['PUT', '/profiles/:profileId/mappings', 200, (c, i) => c.putAttributeMapping(withBody(i))],
  ['DELETE', '/profiles/:profileId/mappings', 200, (c, i) => c.deleteAttributeMapping(mappingQuery(i))],
  ['POST', '/crls', 201, (c, i) => c.importCrl(crlBody(i))],
  ['GET', '/crls', 200, (c, i) => c.listCrls(listRequest(i))],
  ['GET', '/crl/:crlId', 200, (c, i) => c.getCrl(ids(i))],
  ['PATCH', '/crl/:crlId', 200, (c, i) => c.updateCrl(crlBody(i))],
  ['DELETE', '/crl/:crlId', 200, (c, i) => c.deleteCrl(ids(i))],
  ['POST', '/crl/:crlId/enable', 200, (c, i) => c.enableCrl(ids(i))],
  ['POST', '/crl/:crlId/disable', 200, (c, i) => c.disableCrl(ids(i))],
  ['GET', '/subjects', 200, (c, i) => c.listSubjects(listRequest(i))],
  ['GET', '/subject/:subjectId', 200, (c, i) => c.getSubject(ids(i))],
  ['POST', '/TagResource', 201, (c, i) => c.tagResource(withBody(i))],
  ['POST', '/UntagResource', 200, (c, i) => c.untagResource(withBody(i))],
  ['GET', '/ListTagsForResource', 200, (c, i) => c.listTagsForResource(wireRequest({ resourceArn: queryValue(i, 'resourceArn') }))],
];

function queryValue(input: RouteInput, name: string): string | undefined {
  return input.query.find(([k]) => k === name)?.[1];
}

function mappingQuery(input: RouteInput): DeleteAttributeMappingRequest {
  const specifiers = input.query.filter(([k]) => k === 'specifiers').map(([, v]) => v);
  return wireRequest<DeleteAttributeMappingRequest>({
    ...input.params,
    certificateField: queryValue(input, 'certificateField'),
    ...(specifiers.length > 0 ? { specifiers } : {}),
  });
}

const ROUTES: readonly Route[] = ROUTE_TABLE.map(([method, path, status, handle]) => ({
  method,
  segments: path.split('/').slice(1),
  status,
  handle,
}));

export interface MatchedRoute {
  route: Route;
  params: Record<string, string>;
}

export function matchControlRoute(method: string, path: string): MatchedRoute | undefined {
  const parts = path.split('/').slice(1);
  for (const route of ROUTES) {
    if (route.method !== method || route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const isMatch = route.segments.every((segment, i) => {
      if (segment.startsWith(':')) {
        // Non-null: segments and parts have the same length (checked above), so parts[i] exists.
        params[segment.slice(1)] = safeDecode(parts[i]!);
        return parts[i] !== '';
      }
      return segment === parts[i];
    });
    if (isMatch) return { route, params };
  }
  return undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
