// IAM and STS on the emulator's base URL (AWS Query protocol: POST form-encoded
// `Action=...&Version=...`, XML answers), told apart from Roles Anywhere's rest-json by the
// SigV4 credential scope's service name. IAM calls are authorised like the control plane
// (--access-keys); STS calls must be signed with credentials the emulator issued.
import { EmulatorServiceError } from '../errors.js';
import { createRole, deleteRole, getRole, listRoles, updateAssumeRolePolicy } from '../service/iam/iam-roles.js';
import type { IamRole, IamTag } from '../service/iam/iam-role-shapes.js';
import type { ServiceContext } from '../service/service-context.js';
import { getCallerIdentity } from '../service/sts/get-caller-identity.js';
import { checkControlAuthorization, type AccessKeys, type AuthorizationErrors } from './control-authorization.js';
import { INVALID_TOKEN_MESSAGE, readHmacAuthorization, requestHeader, SIGNATURE_MISMATCH_MESSAGE } from './hmac-signature.js';
import type { ReceivedRequest } from './http-exchange.js';
import { authenticateIssuedCredential } from './issued-credential-authorization.js';
import type { XmlValue } from './query-xml.js';

export type QueryService = 'iam' | 'sts';

const SERVICES: Readonly<Record<QueryService, { namespace: string; version: string }>> = {
  iam: { namespace: 'https://iam.amazonaws.com/doc/2010-05-08/', version: '2010-05-08' },
  sts: { namespace: 'https://sts.amazonaws.com/doc/2011-06-15/', version: '2011-06-15' },
};

export function queryNamespace(service: QueryService): string {
  return SERVICES[service].namespace;
}

/** The Query service a request is for: its signing name, or for an unsigned form POST its Version. */
export function queryServiceOf(request: ReceivedRequest): QueryService | undefined {
  const service = readHmacAuthorization(request)?.service;
  if (service === 'iam' || service === 'sts') return service;
  if (service !== undefined || request.method !== 'POST' || request.path !== '/') return undefined;
  if (!(requestHeader(request, 'content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  const version = new URLSearchParams(request.body.toString('utf8')).get('Version');
  return version === SERVICES.iam.version ? 'iam' : version === SERVICES.sts.version ? 'sts' : undefined;
}

const IAM_AUTHORIZATION_ERRORS: AuthorizationErrors = {
  missing: new EmulatorServiceError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token', 'no SigV4 Authorization header'),
  unknownKey: (id) => new EmulatorServiceError('InvalidClientTokenId', 403, INVALID_TOKEN_MESSAGE, `unknown access key ${id}`),
  badSignature: (id) => new EmulatorServiceError('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH_MESSAGE, `HMAC signature mismatch for access key ${id}`),
  expired: (message) => new EmulatorServiceError('SignatureDoesNotMatch', 403, message),
};

/** Form parameters of the body and the query string (the body wins). */
class QueryParams {
  private readonly values: Map<string, string>;
  constructor(request: ReceivedRequest) {
    this.values = new Map([...new URLSearchParams(request.rawQuery), ...new URLSearchParams(request.body.toString('utf8'))]);
  }
  text(name: string): string | undefined {
    return this.values.get(name);
  }
  integer(name: string): number | undefined {
    const raw = this.values.get(name);
    return raw === undefined ? undefined : /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  }
  /** `Tags.member.1.Key=...&Tags.member.1.Value=...` */
  tags(name: string): IamTag[] | undefined {
    const tags: IamTag[] = [];
    for (let i = 1; this.values.has(`${name}.member.${i}.Key`); i++) {
      // Non-null: the loop condition checked that this key is present.
      tags.push({ Key: this.values.get(`${name}.member.${i}.Key`)!, Value: this.values.get(`${name}.member.${i}.Value`) ?? '' });
    }
    return tags.length > 0 ? tags : undefined;
  }
}

/** IAM sends policy documents URL-encoded inside the XML (RFC 3986). */
function roleXml(role: IamRole): XmlValue {
  const { Tags: tags, ...rest } = role;
  return {
    ...rest,
    AssumeRolePolicyDocument: encodeURIComponent(role.AssumeRolePolicyDocument),
    Tags: tags?.map((t): XmlValue => ({ Key: t.Key, Value: t.Value })),
  };
}

type Action = (ctx: ServiceContext, params: QueryParams) => Promise<XmlValue>;

const IAM_ACTIONS: Readonly<Record<string, Action>> = {
  CreateRole: async (ctx, p) => {
    const { Role } = await createRole(ctx, {
      RoleName: p.text('RoleName'),
      AssumeRolePolicyDocument: p.text('AssumeRolePolicyDocument'),
      Path: p.text('Path'),
      Description: p.text('Description'),
      MaxSessionDuration: p.integer('MaxSessionDuration'),
      Tags: p.tags('Tags'),
    });
    return { Role: roleXml(Role) };
  },
  GetRole: async (ctx, p) => ({ Role: roleXml((await getRole(ctx, { RoleName: p.text('RoleName') })).Role) }),
  UpdateAssumeRolePolicy: async (ctx, p) => void (await updateAssumeRolePolicy(ctx, { RoleName: p.text('RoleName'), PolicyDocument: p.text('PolicyDocument') })),
  DeleteRole: async (ctx, p) => void (await deleteRole(ctx, { RoleName: p.text('RoleName') })),
  ListRoles: async (ctx, p) => {
    const result = await listRoles(ctx, { PathPrefix: p.text('PathPrefix'), Marker: p.text('Marker'), MaxItems: p.integer('MaxItems') });
    return { Roles: result.Roles.map(roleXml), IsTruncated: result.IsTruncated, Marker: result.Marker };
  },
};

export interface QueryAnswer {
  action: string;
  namespace: string;
  result: XmlValue;
}

export async function handleQuery(ctx: ServiceContext, accessKeys: AccessKeys | undefined, request: ReceivedRequest, service: QueryService): Promise<QueryAnswer> {
  const params = new QueryParams(request);
  const action = params.text('Action') ?? '';
  const { namespace, version } = SERVICES[service];
  if (service === 'sts') {
    const caller = authenticateIssuedCredential(request, ctx.issuedCredentials, ctx.now().getTime());
    if (action !== 'GetCallerIdentity') throw unknownAction(action, version);
    return { action, namespace, result: { ...getCallerIdentity(caller) } };
  }
  checkControlAuthorization(request, accessKeys, ctx.now(), IAM_AUTHORIZATION_ERRORS);
  // Non-null: Object.hasOwn checked that the action is a key of IAM_ACTIONS.
  const handler = Object.hasOwn(IAM_ACTIONS, action) ? IAM_ACTIONS[action]! : undefined;
  if (!handler) throw unknownAction(action, version);
  return { action, namespace, result: await handler(ctx, params) };
}

function unknownAction(action: string, version: string): EmulatorServiceError {
  return new EmulatorServiceError('InvalidAction', 400, `Could not find operation ${action} for version ${version}`);
}
