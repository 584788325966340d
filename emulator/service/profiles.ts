// Profile operations (roles-anywhere.md §4.2, §5): Create, Get, List, Update, Delete, Enable,
// Disable, Put/DeleteAttributeMapping.
import {
  CERTIFICATE_FIELDS,
  defaultAttributeMappings,
  deleteAttributeMapping as removeMapping,
  putAttributeMapping as replaceMapping,
} from '../../roles-anywhere/attribute-mappings.js';
import { notFound, validationError } from '../errors.js';
import type { ProfileRecord } from '../state/state-store.js';
import { paginate } from './pagination.js';
import { formatTimestamp, principalArn, resourceArn, type ServiceContext } from './service-context.js';
import type {
  CreateProfileRequest,
  DeleteAttributeMappingRequest,
  ListRequest,
  ProfileDetail,
  PutAttributeMappingRequest,
  UpdateProfileRequest,
} from './shapes.js';
import { checkReservedKeys, validateTags } from './tagging.js';
import { RESOURCE_NAME_RULE, ROLE_ARN_RULE, SESSION_DURATION_RANGE, validateId, Validator } from './validation.js';
import { DEFAULT_SESSION_DURATION_SECONDS } from '../../roles-anywhere/service-limits.js';

export type ProfileResponse = { profile: ProfileDetail };

export function toProfileDetail(record: Readonly<ProfileRecord>): ProfileDetail {
  const { tags: _tags, ...detail } = record;
  return structuredClone(detail);
}

export async function requireProfile(ctx: ServiceContext, profileId: unknown): Promise<Readonly<ProfileRecord>> {
  const v = new Validator();
  validateId(v, 'profileId', profileId);
  v.check();
  const record = await ctx.store.get('profile', profileId as string);
  if (!record) throw notFound('Profile not found');
  return record;
}

function validateProfileFields(v: Validator, request: Partial<CreateProfileRequest>, isUpdate: boolean): void {
  v.string('name', request.name, RESOURCE_NAME_RULE);
  if (v.list('roleArns', request.roleArns, { max: 250 })) {
    request.roleArns.forEach((arn, i) => v.string(`roleArns.${i + 1}.member`, arn, ROLE_ARN_RULE));
  }
  if (v.list('managedPolicyArns', request.managedPolicyArns, { max: 50 })) {
    request.managedPolicyArns.forEach((arn, i) => v.string(`managedPolicyArns.${i + 1}.member`, arn, { min: 1, max: 200 }));
  }
  v.string('sessionPolicy', request.sessionPolicy, isUpdate ? { min: 1, max: 100000 } : {});
  v.integer('durationSeconds', request.durationSeconds, SESSION_DURATION_RANGE);
  v.boolean('acceptRoleSessionName', request.acceptRoleSessionName);
}

export async function createProfile(ctx: ServiceContext, request: CreateProfileRequest): Promise<ProfileResponse> {
  const v = new Validator();
  v.required('name', request.name);
  v.required('roleArns', request.roleArns);
  validateProfileFields(v, request, false);
  v.boolean('enabled', request.enabled);
  v.boolean('requireInstanceProperties', request.requireInstanceProperties);
  validateTags(v, 'tags', request.tags);
  v.check();
  checkReservedKeys(request.tags ?? []);
  const count = (await ctx.store.list('profile')).length;
  if (count >= ctx.quotas.profiles) {
    throw validationError(`Quota exceeded: an account can have at most ${ctx.quotas.profiles} profiles in a Region`, `${count} profiles already`);
  }
  const id = ctx.newId();
  const now = formatTimestamp(ctx.now());
  const record: ProfileRecord = {
    profileId: id,
    profileArn: resourceArn(ctx, 'profile', id),
    name: request.name,
    requireInstanceProperties: request.requireInstanceProperties ?? false,
    enabled: request.enabled ?? false,
    createdBy: principalArn(ctx),
    ...(request.sessionPolicy === undefined ? {} : { sessionPolicy: request.sessionPolicy }),
    roleArns: [...request.roleArns],
    managedPolicyArns: [...(request.managedPolicyArns ?? [])],
    createdAt: now,
    updatedAt: now,
    durationSeconds: request.durationSeconds ?? DEFAULT_SESSION_DURATION_SECONDS,
    acceptRoleSessionName: request.acceptRoleSessionName ?? false,
    attributeMappings: defaultAttributeMappings(),
    tags: (request.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
  await ctx.store.put('profile', id, record);
  return { profile: toProfileDetail(record) };
}

export async function getProfile(ctx: ServiceContext, request: { profileId: string }): Promise<ProfileResponse> {
  return { profile: toProfileDetail(await requireProfile(ctx, request.profileId)) };
}

export async function listProfiles(ctx: ServiceContext, request: ListRequest = {}): Promise<{ profiles: ProfileDetail[]; nextToken?: string }> {
  const page = paginate(await ctx.store.list('profile'), request);
  return { profiles: page.items.map(toProfileDetail), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export async function updateProfile(ctx: ServiceContext, request: UpdateProfileRequest): Promise<ProfileResponse> {
  const v = new Validator();
  validateId(v, 'profileId', request.profileId);
  validateProfileFields(v, request, true);
  v.check();
  const record = await requireProfile(ctx, request.profileId);
  const changes: Partial<ProfileRecord> = {};
  if (request.name !== undefined) changes.name = request.name;
  if (request.roleArns !== undefined) changes.roleArns = [...request.roleArns];
  if (request.managedPolicyArns !== undefined) changes.managedPolicyArns = [...request.managedPolicyArns];
  if (request.sessionPolicy !== undefined) changes.sessionPolicy = request.sessionPolicy;
  if (request.durationSeconds !== undefined) changes.durationSeconds = request.durationSeconds;
  if (request.acceptRoleSessionName !== undefined) changes.acceptRoleSessionName = request.acceptRoleSessionName;
  return replace(ctx, record, changes);
}

export async function deleteProfile(ctx: ServiceContext, request: { profileId: string }): Promise<ProfileResponse> {
  const record = await requireProfile(ctx, request.profileId);
  await ctx.store.delete('profile', record.profileId);
  return { profile: toProfileDetail(record) };
}

export async function setProfileEnabled(ctx: ServiceContext, request: { profileId: string }, enabled: boolean): Promise<ProfileResponse> {
  return replace(ctx, await requireProfile(ctx, request.profileId), { enabled });
}

export async function putAttributeMapping(ctx: ServiceContext, request: PutAttributeMappingRequest): Promise<ProfileResponse> {
  const v = new Validator();
  if (v.required('certificateField', request.certificateField)) {
    v.string('certificateField', request.certificateField, { enumValues: CERTIFICATE_FIELDS });
  }
  if (v.required('mappingRules', request.mappingRules) && v.list('mappingRules', request.mappingRules)) {
    request.mappingRules.forEach((rule, i) => {
      const at = `mappingRules.${i + 1}.member.specifier`;
      if (v.required(at, rule?.specifier)) v.string(at, rule.specifier, { min: 0, max: 60 });
    });
  }
  validateId(v, 'profileId', request.profileId);
  v.check();
  const record = await requireProfile(ctx, request.profileId);
  return replace(ctx, record, { attributeMappings: replaceMapping(record.attributeMappings, request.certificateField, request.mappingRules) });
}

export async function deleteAttributeMapping(ctx: ServiceContext, request: DeleteAttributeMappingRequest): Promise<ProfileResponse> {
  const v = new Validator();
  if (v.required('certificateField', request.certificateField)) {
    v.string('certificateField', request.certificateField, { enumValues: CERTIFICATE_FIELDS });
  }
  if (v.list('specifiers', request.specifiers)) request.specifiers.forEach((s, i) => v.string(`specifiers.${i + 1}.member`, s));
  validateId(v, 'profileId', request.profileId);
  v.check();
  const record = await requireProfile(ctx, request.profileId);
  const mappings = removeMapping(record.attributeMappings, request.certificateField, request.specifiers);
  return replace(ctx, record, { attributeMappings: mappings });
}

async function replace(ctx: ServiceContext, record: Readonly<ProfileRecord>, changes: Partial<ProfileRecord>): Promise<ProfileResponse> {
  const next: ProfileRecord = { ...record, ...changes, updatedAt: formatTimestamp(ctx.now()) };
  await ctx.store.put('profile', record.profileId, next);
  return { profile: toProfileDetail(next) };
}
