// Resource tags (TagResource, UntagResource, ListTagsForResource; roles-anywhere.md §5): at most
// 200 per resource, keys and values of the model's pattern, `aws:` keys reserved.
import { EmulatorServiceError, notFound, validationError } from '../errors.js';
import { idFromArn, type ServiceContext } from './service-context.js';
import type { Tag, TagResourceRequest, UntagResourceRequest } from './shapes.js';
import { ARN_RULE, TAG_KEY_RULE, TAG_VALUE_RULE, Validator } from './validation.js';
import { MAX_RESOURCE_TAGS } from '../../roles-anywhere/service-limits.js';


/** Validates a request's tag list (at `path`) into the validator. */
export function validateTags(v: Validator, path: string, tags: unknown): void {
  if (!v.list(path, tags, { max: MAX_RESOURCE_TAGS })) return;
  tags.forEach((tag, i) => {
    const t = (typeof tag === 'object' && tag !== null ? tag : {}) as Record<string, unknown>;
    if (v.required(`${path}.${i + 1}.member.key`, t.key)) v.string(`${path}.${i + 1}.member.key`, t.key, TAG_KEY_RULE);
    if (v.required(`${path}.${i + 1}.member.value`, t.value)) v.string(`${path}.${i + 1}.member.value`, t.value, TAG_VALUE_RULE);
  });
}

export function checkReservedKeys(tags: readonly Tag[]): void {
  if (tags.some((t) => t.key.toLowerCase().startsWith('aws:'))) throw validationError('Tag keys starting with "aws:" are reserved');
}

export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) byKey.set(t.key, t.value);
  if (byKey.size > MAX_RESOURCE_TAGS) {
    throw new EmulatorServiceError('TooManyTagsException', 400, 'Too many tags', `a resource can hold ${MAX_RESOURCE_TAGS} tags`);
  }
  return [...byKey].map(([key, value]) => ({ key, value }));
}

type TaggableKind = 'trustAnchor' | 'profile' | 'crl';

async function locate(ctx: ServiceContext, arn: string): Promise<{ kind: TaggableKind; id: string }> {
  const kinds = [
    ['trustAnchor', 'trust-anchor'],
    ['profile', 'profile'],
    ['crl', 'crl'],
  ] as const;
  for (const [kind, type] of kinds) {
    const id = idFromArn(ctx, type, arn);
    if (id !== undefined && (await ctx.store.get(kind, id))) return { kind, id };
  }
  throw notFound('Resource not found');
}

/** Replaces the tags of the resource the ARN names (locate() has found it; a record deleted since is left alone). */
async function retag(ctx: ServiceContext, arn: string, change: (tags: readonly Tag[]) => Tag[]): Promise<void> {
  const { kind, id } = await locate(ctx, arn);
  const { store } = ctx;
  if (kind === 'trustAnchor') {
    const record = await store.get(kind, id);
    if (record) await store.put(kind, id, { ...record, tags: change(record.tags) });
  } else if (kind === 'profile') {
    const record = await store.get(kind, id);
    if (record) await store.put(kind, id, { ...record, tags: change(record.tags) });
  } else {
    const record = await store.get(kind, id);
    if (record) await store.put(kind, id, { ...record, tags: change(record.tags) });
  }
}

export async function listTagsForResource(ctx: ServiceContext, request: { resourceArn: string }): Promise<{ tags: Tag[] }> {
  const v = new Validator();
  if (v.required('resourceArn', request.resourceArn)) v.string('resourceArn', request.resourceArn, ARN_RULE);
  v.check();
  const { kind, id } = await locate(ctx, request.resourceArn);
  const record = await ctx.store.get(kind, id);
  // Deleted between the two reads (a back end shared with another process): as if never found.
  if (!record) throw notFound('Resource not found');
  return { tags: record.tags.map((t) => ({ ...t })) };
}

export async function tagResource(ctx: ServiceContext, request: TagResourceRequest): Promise<Record<string, never>> {
  const v = new Validator();
  if (v.required('resourceArn', request.resourceArn)) v.string('resourceArn', request.resourceArn, ARN_RULE);
  if (v.required('tags', request.tags)) validateTags(v, 'tags', request.tags);
  v.check();
  checkReservedKeys(request.tags);
  await retag(ctx, request.resourceArn, (tags) => mergeTags(tags, request.tags));
  return {};
}

export async function untagResource(ctx: ServiceContext, request: UntagResourceRequest): Promise<Record<string, never>> {
  const v = new Validator();
  if (v.required('resourceArn', request.resourceArn)) v.string('resourceArn', request.resourceArn, ARN_RULE);
  if (v.required('tagKeys', request.tagKeys) && v.list('tagKeys', request.tagKeys, { max: MAX_RESOURCE_TAGS })) {
    request.tagKeys.forEach((k, i) => v.string(`tagKeys.${i + 1}.member`, k, TAG_KEY_RULE));
  }
  v.check();
  const drop = new Set(request.tagKeys);
  await retag(ctx, request.resourceArn, (tags) => tags.filter((t) => !drop.has(t.key)));
  return {};
}
