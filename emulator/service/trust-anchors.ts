// Trust-anchor operations (roles-anywhere.md §2, §5): Create, Get, List, Update, Delete,
// Enable, Disable, Put/ResetNotificationSettings. CERTIFICATE_BUNDLE sources only.
import { notFound, validationError } from '../errors.js';
import type { TrustAnchorRecord } from '../state/state-store.js';
import { parseAnchorCertificates } from './anchor-certificates.js';
import {
  applyNotificationSettings,
  defaultNotificationSettings,
  NOTIFICATION_EVENTS,
  resetNotificationSettings,
  validateNotificationSettings,
} from './notification-settings.js';
import { paginate } from './pagination.js';
import { formatTimestamp, resourceArn, type ServiceContext } from './service-context.js';
import type {
  CreateTrustAnchorRequest,
  ListRequest,
  PutNotificationSettingsRequest,
  ResetNotificationSettingsRequest,
  Source,
  TrustAnchorDetail,
  UpdateTrustAnchorRequest,
} from './shapes.js';
import { checkReservedKeys, validateTags } from './tagging.js';
import { RESOURCE_NAME_RULE, validateId, Validator } from './validation.js';
import { MAX_ANCHOR_CERTIFICATE_DATA_LENGTH } from '../../roles-anywhere/service-limits.js';

export type TrustAnchorResponse = { trustAnchor: TrustAnchorDetail };

export function toTrustAnchorDetail(record: Readonly<TrustAnchorRecord>): TrustAnchorDetail {
  const { tags: _tags, ...detail } = record;
  return structuredClone(detail);
}

export async function requireTrustAnchor(ctx: ServiceContext, trustAnchorId: unknown): Promise<Readonly<TrustAnchorRecord>> {
  const v = new Validator();
  validateId(v, 'trustAnchorId', trustAnchorId);
  v.check();
  const record = await ctx.store.get('trustAnchor', trustAnchorId as string);
  if (!record) throw notFound('Trust anchor not found');
  return record;
}

function validateSource(v: Validator, path: string, source: unknown): void {
  if (typeof source !== 'object' || source === null) return;
  const s = source as Record<string, unknown>;
  v.string(`${path}.sourceType`, s.sourceType, { enumValues: ['AWS_ACM_PCA', 'CERTIFICATE_BUNDLE', 'SELF_SIGNED_REPOSITORY'] });
  const data = (typeof s.sourceData === 'object' && s.sourceData !== null ? s.sourceData : {}) as Record<string, unknown>;
  v.string(`${path}.sourceData.x509CertificateData`, data.x509CertificateData, { min: 1, max: MAX_ANCHOR_CERTIFICATE_DATA_LENGTH });
}

/** Only certificate bundles can be emulated: a Private CA cannot be reached offline. */
function normalizeSource(ctx: ServiceContext, source: Source): Source {
  if (source.sourceType !== 'CERTIFICATE_BUNDLE') {
    throw validationError('Only CERTIFICATE_BUNDLE trust anchors are supported by the emulator', `sourceType ${String(source.sourceType)}`);
  }
  const pem = source.sourceData?.x509CertificateData;
  if (pem === undefined) throw validationError('x509CertificateData is required for a CERTIFICATE_BUNDLE source');
  const publicCa = ctx.publicRoots.find(pem);
  if (publicCa) throw validationError('Certificates from public CAs cannot be used as trust anchors', `${publicCa} is in the public root store`);
  parseAnchorCertificates(pem, ctx.keyAcceptance);
  return { sourceType: 'CERTIFICATE_BUNDLE', sourceData: { x509CertificateData: pem } };
}

export async function createTrustAnchor(ctx: ServiceContext, request: CreateTrustAnchorRequest): Promise<TrustAnchorResponse> {
  const v = new Validator();
  if (v.required('name', request.name)) v.string('name', request.name, RESOURCE_NAME_RULE);
  v.required('source', request.source);
  validateSource(v, 'source', request.source);
  v.boolean('enabled', request.enabled);
  validateTags(v, 'tags', request.tags);
  validateNotificationSettings(v, 'notificationSettings', request.notificationSettings);
  v.check();
  checkReservedKeys(request.tags ?? []);
  const count = (await ctx.store.list('trustAnchor')).length;
  if (count >= ctx.quotas.trustAnchors) {
    throw validationError(`Quota exceeded: an account can have at most ${ctx.quotas.trustAnchors} trust anchors in a Region`, `${count} trust anchors already`);
  }
  const source = normalizeSource(ctx, request.source);
  const id = ctx.newId();
  const now = formatTimestamp(ctx.now());
  const record: TrustAnchorRecord = {
    trustAnchorId: id,
    trustAnchorArn: resourceArn(ctx, 'trust-anchor', id),
    name: request.name,
    source,
    enabled: request.enabled ?? false,
    createdAt: now,
    updatedAt: now,
    notificationSettings: applyNotificationSettings(defaultNotificationSettings(), request.notificationSettings ?? [], ctx.account),
    tags: (request.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
  await ctx.store.put('trustAnchor', id, record);
  return { trustAnchor: toTrustAnchorDetail(record) };
}

export async function getTrustAnchor(ctx: ServiceContext, request: { trustAnchorId: string }): Promise<TrustAnchorResponse> {
  return { trustAnchor: toTrustAnchorDetail(await requireTrustAnchor(ctx, request.trustAnchorId)) };
}

export async function listTrustAnchors(ctx: ServiceContext, request: ListRequest = {}): Promise<{ trustAnchors: TrustAnchorDetail[]; nextToken?: string }> {
  const page = paginate(await ctx.store.list('trustAnchor'), request);
  return { trustAnchors: page.items.map(toTrustAnchorDetail), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export async function updateTrustAnchor(ctx: ServiceContext, request: UpdateTrustAnchorRequest): Promise<TrustAnchorResponse> {
  const v = new Validator();
  validateId(v, 'trustAnchorId', request.trustAnchorId);
  v.string('name', request.name, RESOURCE_NAME_RULE);
  validateSource(v, 'source', request.source);
  v.check();
  const record = await requireTrustAnchor(ctx, request.trustAnchorId);
  const source = request.source === undefined ? record.source : normalizeSource(ctx, request.source);
  return replace(ctx, record, { name: request.name ?? record.name, source });
}

export async function deleteTrustAnchor(ctx: ServiceContext, request: { trustAnchorId: string }): Promise<TrustAnchorResponse> {
  const record = await requireTrustAnchor(ctx, request.trustAnchorId);
  await ctx.store.delete('trustAnchor', record.trustAnchorId);
  return { trustAnchor: toTrustAnchorDetail(record) };
}

export async function setTrustAnchorEnabled(ctx: ServiceContext, request: { trustAnchorId: string }, enabled: boolean): Promise<TrustAnchorResponse> {
  return replace(ctx, await requireTrustAnchor(ctx, request.trustAnchorId), { enabled });
}

export async function putNotificationSettings(ctx: ServiceContext, request: PutNotificationSettingsRequest): Promise<TrustAnchorResponse> {
  const v = new Validator();
  if (v.required('notificationSettings', request.notificationSettings)) {
    validateNotificationSettings(v, 'notificationSettings', request.notificationSettings);
  }
  validateId(v, 'trustAnchorId', request.trustAnchorId);
  v.check();
  const record = await requireTrustAnchor(ctx, request.trustAnchorId);
  const settings = applyNotificationSettings(record.notificationSettings, request.notificationSettings, ctx.account);
  return replace(ctx, record, { notificationSettings: settings });
}

export async function resetTrustAnchorNotificationSettings(ctx: ServiceContext, request: ResetNotificationSettingsRequest): Promise<TrustAnchorResponse> {
  const v = new Validator();
  if (v.required('notificationSettingKeys', request.notificationSettingKeys) && v.list('notificationSettingKeys', request.notificationSettingKeys, { max: 50 })) {
    request.notificationSettingKeys.forEach((k, i) => {
      const at = `notificationSettingKeys.${i + 1}.member.event`;
      if (v.required(at, k?.event)) v.string(at, k.event, { enumValues: NOTIFICATION_EVENTS });
      v.string(`notificationSettingKeys.${i + 1}.member.channel`, k?.channel, { enumValues: ['ALL'] });
    });
  }
  validateId(v, 'trustAnchorId', request.trustAnchorId);
  v.check();
  const record = await requireTrustAnchor(ctx, request.trustAnchorId);
  const events = request.notificationSettingKeys.map((k) => k.event);
  return replace(ctx, record, { notificationSettings: resetNotificationSettings(record.notificationSettings, events) });
}

async function replace(ctx: ServiceContext, record: Readonly<TrustAnchorRecord>, changes: Partial<TrustAnchorRecord>): Promise<TrustAnchorResponse> {
  const next: TrustAnchorRecord = { ...record, ...changes, updatedAt: formatTimestamp(ctx.now()) };
  await ctx.store.put('trustAnchor', record.trustAnchorId, next);
  return { trustAnchor: toTrustAnchorDetail(next) };
}
