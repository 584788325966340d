// IAM's role API over the emulator's roles (the same store as --roles and PUT /_iamra/roles), with
// IAM's constraints and error codes: ValidationError, EntityAlreadyExists, NoSuchEntity,
// MalformedPolicyDocument. Only roles of the emulator's account are visible here.
import { parsePolicyDocument, PolicyDocumentError } from '../../../trust/policy/policy-document.js';
import { EmulatorServiceError } from '../../errors.js';
import { DEFAULT_ROLE_MAX_SESSION_DURATION_SECONDS, MAX_SESSION_DURATION_SECONDS, MIN_ROLE_MAX_SESSION_DURATION_SECONDS } from '../../../roles-anywhere/service-limits.js';
import type { RoleRecord } from '../../state/state-store.js';
import type { ServiceContext } from '../service-context.js';
import { Validator, type StringRule } from '../validation.js';
import type { CreateRoleRequest, IamRole, ListRolesRequest, ListRolesResult, RoleNameRequest, UpdateAssumeRolePolicyRequest } from './iam-role-shapes.js';
import { roleIdFor } from './role-id.js';

const ROLE_NAME_RULE: StringRule = { min: 1, max: 64, pattern: '[\\w+=,.@-]+' };
const PATH_RULE: StringRule = { min: 1, max: 512, pattern: '(/)|(/[\\u0021-\\u007E]+/)' };
const POLICY_RULE: StringRule = { min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };
const DESCRIPTION_RULE: StringRule = { max: 1000, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' };
const PATH_PREFIX_RULE: StringRule = { min: 1, max: 512, pattern: '/[\\u0021-\\u007F]*' };
const MARKER_RULE: StringRule = { min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' };
const DEFAULT_MAX_ITEMS = 100;

function noSuchRole(name: string): EmulatorServiceError {
  return new EmulatorServiceError('NoSuchEntity', 404, `The role with name ${name} cannot be found.`);
}

/** The trust policy as IAM stores it, or MalformedPolicyDocument with IAM's reason. */
function readPolicy(text: string): unknown {
  let document: unknown;
  try {
    document = JSON.parse(text) as unknown;
  } catch {
    throw new EmulatorServiceError('MalformedPolicyDocument', 400, 'This policy contains invalid Json');
  }
  try {
    parsePolicyDocument(document);
  } catch (error) {
    if (error instanceof PolicyDocumentError) throw new EmulatorServiceError('MalformedPolicyDocument', 400, error.message);
    throw error;
  }
  return document;
}

function roleParts(arn: string): { account: string; path: string; name: string } | undefined {
  const m = /^arn:aws[^:]*:iam::(\d{12}):role(\/.*)$/.exec(arn);
  if (!m) return undefined;
  // Non-null: both groups take part in every match of the pattern above.
  const full = m[2]!;
  const slash = full.lastIndexOf('/');
  // Non-null: both groups take part in every match of the pattern above.
  return { account: m[1]!, path: full.slice(0, slash + 1), name: full.slice(slash + 1) };
}

async function findRole(ctx: ServiceContext, name: string): Promise<Readonly<RoleRecord> | undefined> {
  const wanted = name.toLowerCase();
  // Non-null: accountRoles keeps only records whose ARN roleParts reads.
  return (await accountRoles(ctx)).find((r) => roleParts(r.arn)!.name.toLowerCase() === wanted);
}

async function accountRoles(ctx: ServiceContext): Promise<ReadonlyArray<Readonly<RoleRecord>>> {
  return (await ctx.store.list('role')).filter((r) => roleParts(r.arn)?.account === ctx.account);
}

export function toIamRole(record: Readonly<RoleRecord>, options: { withTags: boolean } = { withTags: true }): IamRole {
  // Non-null: every stored role ARN was built by this module in the form roleParts reads.
  const parts = roleParts(record.arn)!;
  return {
    Path: parts.path,
    RoleName: parts.name,
    RoleId: roleIdFor(record.arn),
    Arn: record.arn,
    CreateDate: record.createDate ?? new Date(0).toISOString(),
    AssumeRolePolicyDocument: typeof record.trustPolicy === 'string' ? record.trustPolicy : JSON.stringify(record.trustPolicy),
    ...(record.description === undefined ? {} : { Description: record.description }),
    MaxSessionDuration: record.maxSessionDuration,
    ...(options.withTags && record.tags && record.tags.length > 0 ? { Tags: record.tags.map((t) => ({ ...t })) } : {}),
  };
}

function validateRoleName(v: Validator, name: unknown): name is string {
  return v.required('roleName', name) && v.string('roleName', name, ROLE_NAME_RULE);
}

export async function createRole(ctx: ServiceContext, request: CreateRoleRequest): Promise<{ Role: IamRole }> {
  const v = new Validator();
  validateRoleName(v, request.RoleName);
  if (v.required('assumeRolePolicyDocument', request.AssumeRolePolicyDocument)) v.string('assumeRolePolicyDocument', request.AssumeRolePolicyDocument, POLICY_RULE);
  v.string('path', request.Path, PATH_RULE);
  v.string('description', request.Description, DESCRIPTION_RULE);
  v.integer('maxSessionDuration', request.MaxSessionDuration, { min: MIN_ROLE_MAX_SESSION_DURATION_SECONDS, max: MAX_SESSION_DURATION_SECONDS });
  if (v.list('tags', request.Tags, { max: 50 })) {
    // Non-null: v.list returns true only when the list is present.
    request.Tags!.forEach((t, i) => {
      if (v.required(`tags.${i + 1}.member.key`, t.Key)) v.string(`tags.${i + 1}.member.key`, t.Key, { min: 1, max: 128 });
      if (v.required(`tags.${i + 1}.member.value`, t.Value)) v.string(`tags.${i + 1}.member.value`, t.Value, { max: 256 });
    });
  }
  v.check('ValidationError');
  // Non-null: v.check threw above when a required field was missing.
  const name = request.RoleName!;
  // Non-null: v.check threw above when a required field was missing.
  const trustPolicy = readPolicy(request.AssumeRolePolicyDocument!);
  if (await findRole(ctx, name)) throw new EmulatorServiceError('EntityAlreadyExists', 409, `Role with name ${name} already exists.`);
  const record: RoleRecord = {
    arn: `arn:aws:iam::${ctx.account}:role${request.Path ?? '/'}${name}`,
    maxSessionDuration: request.MaxSessionDuration ?? DEFAULT_ROLE_MAX_SESSION_DURATION_SECONDS,
    trustPolicy,
    createDate: ctx.now().toISOString(),
    ...(request.Description === undefined ? {} : { description: request.Description }),
    ...(request.Tags ? { tags: request.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
  await ctx.store.put('role', record.arn, record);
  ctx.log(`IAM CreateRole ${record.arn}`);
  return { Role: toIamRole(record) };
}

export async function getRole(ctx: ServiceContext, request: RoleNameRequest): Promise<{ Role: IamRole }> {
  const v = new Validator();
  validateRoleName(v, request.RoleName);
  v.check('ValidationError');
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  const record = await findRole(ctx, request.RoleName!);
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  if (!record) throw noSuchRole(request.RoleName!);
  return { Role: toIamRole(record) };
}

export async function updateAssumeRolePolicy(ctx: ServiceContext, request: UpdateAssumeRolePolicyRequest): Promise<Record<string, never>> {
  const v = new Validator();
  validateRoleName(v, request.RoleName);
  if (v.required('policyDocument', request.PolicyDocument)) v.string('policyDocument', request.PolicyDocument, POLICY_RULE);
  v.check('ValidationError');
  // Non-null: v.required and v.check above refused a missing policy document.
  const trustPolicy = readPolicy(request.PolicyDocument!);
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  const record = await findRole(ctx, request.RoleName!);
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  if (!record) throw noSuchRole(request.RoleName!);
  await ctx.store.put('role', record.arn, { ...record, trustPolicy });
  ctx.log(`IAM UpdateAssumeRolePolicy ${record.arn}`);
  return {};
}

export async function deleteRole(ctx: ServiceContext, request: RoleNameRequest): Promise<Record<string, never>> {
  const v = new Validator();
  validateRoleName(v, request.RoleName);
  v.check('ValidationError');
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  const record = await findRole(ctx, request.RoleName!);
  // Non-null: validateRoleName requires the name, and v.check threw above when it was missing.
  if (!record) throw noSuchRole(request.RoleName!);
  await ctx.store.delete('role', record.arn);
  ctx.log(`IAM DeleteRole ${record.arn}`);
  return {};
}

/** ListRoles does not return tags (IAM leaves them to GetRole); Marker is an opaque offset. */
export async function listRoles(ctx: ServiceContext, request: ListRolesRequest): Promise<ListRolesResult> {
  const v = new Validator();
  v.string('pathPrefix', request.PathPrefix, PATH_PREFIX_RULE);
  v.string('marker', request.Marker, MARKER_RULE);
  v.integer('maxItems', request.MaxItems, { min: 1, max: 1000 });
  v.check('ValidationError');
  const prefix = request.PathPrefix ?? '/';
  // Non-null: accountRoles keeps only records whose ARN roleParts reads.
  const roles = (await accountRoles(ctx)).filter((r) => roleParts(r.arn)!.path.startsWith(prefix));
  const start = request.Marker === undefined ? 0 : decodeMarker(request.Marker);
  const end = start + (request.MaxItems ?? DEFAULT_MAX_ITEMS);
  const page = roles.slice(start, end).map((r) => toIamRole(r, { withTags: false }));
  return end < roles.length ? { Roles: page, IsTruncated: true, Marker: Buffer.from(`roles:${end}`).toString('base64url') } : { Roles: page, IsTruncated: false };
}

function decodeMarker(marker: string): number {
  const m = /^roles:(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!m) throw new EmulatorServiceError('ValidationError', 400, 'Invalid Marker: it was not returned by ListRoles');
  return Number(m[1]);
}
