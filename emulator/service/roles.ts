// The IAM roles the emulator knows (not an AWS-shaped API): ARN, maximum session duration and a
// trust policy that is checked when stored, as IAM checks it.
import { parsePolicyDocument, PolicyDocumentError } from '../../trust/policy/policy-document.js';
import { validationError } from '../errors.js';
import type { RoleDefinition } from '../role-definition.js';
import { DEFAULT_ROLE_MAX_SESSION_DURATION_SECONDS, MAX_SESSION_DURATION_SECONDS, MIN_ROLE_MAX_SESSION_DURATION_SECONDS } from '../../roles-anywhere/service-limits.js';
import type { RoleRecord } from '../state/state-store.js';
import type { ServiceContext } from './service-context.js';
import { ROLE_ARN_RULE, Validator } from './validation.js';

/** Validates a role definition as IAM would when storing it; pure. */
export function toRoleRecord(role: RoleDefinition): RoleRecord {
  const v = new Validator();
  if (v.required('arn', role?.arn)) v.string('arn', role.arn, ROLE_ARN_RULE);
  v.integer('maxSessionDuration', role?.maxSessionDuration, { min: MIN_ROLE_MAX_SESSION_DURATION_SECONDS, max: MAX_SESSION_DURATION_SECONDS });
  v.required('trustPolicy', role?.trustPolicy);
  v.check();
  const trustPolicy = typeof role.trustPolicy === 'string' ? safeJson(role.trustPolicy) : role.trustPolicy;
  try {
    parsePolicyDocument(trustPolicy);
  } catch (error) {
    if (error instanceof PolicyDocumentError) throw validationError(`Invalid trust policy for ${role.arn}: ${error.message}`);
    throw error;
  }
  return { arn: role.arn, maxSessionDuration: role.maxSessionDuration ?? DEFAULT_ROLE_MAX_SESSION_DURATION_SECONDS, trustPolicy };
}

export async function putRole(ctx: ServiceContext, role: RoleDefinition): Promise<RoleRecord> {
  const existing = await ctx.store.get('role', role.arn);
  const record: RoleRecord = {
    ...toRoleRecord(role),
    createDate: existing?.createDate ?? ctx.now().toISOString(),
    ...(existing?.description === undefined ? {} : { description: existing.description }),
    ...(existing?.tags === undefined ? {} : { tags: existing.tags }),
  };
  await ctx.store.put('role', role.arn, record);
  ctx.log(`role ${role.arn} defined (MaxSessionDuration ${record.maxSessionDuration} s)`);
  return record;
}

/** A stored role as a role definition (the /_iamra/roles shape); IAM's own fields are the IAM API's. */
export function toRoleDefinition(record: Readonly<RoleRecord>): RoleRecord {
  return structuredClone({ arn: record.arn, maxSessionDuration: record.maxSessionDuration, trustPolicy: record.trustPolicy });
}

export async function listRoles(ctx: ServiceContext): Promise<RoleRecord[]> {
  return (await ctx.store.list('role')).map(toRoleDefinition);
}

export async function deleteRole(ctx: ServiceContext, arn: string): Promise<boolean> {
  return ctx.store.delete('role', arn);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationError('Invalid trust policy: not valid JSON');
  }
}
