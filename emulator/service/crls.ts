// CRL operations (roles-anywhere.md §3): Import, Get, List, Update, Enable, Disable, Delete.
// PEM or DER, at most 300,000 bytes, at most two per trust anchor; a CRL issued by an anchor
// certificate must verify against it (CRLs of intermediates are verified at CreateSession).
import { notFound, validationError } from '../errors.js';
import type { CrlRecord } from '../state/state-store.js';
import { parseCrl, type ParsedCrl } from '../../x509/crl.js';
import { isCrlSignedBy } from '../../x509/verify-crl-signature.js';
import { parseAnchorCertificates } from './anchor-certificates.js';
import { paginate } from './pagination.js';
import { formatTimestamp, idFromArn, resourceArn, type ServiceContext } from './service-context.js';
import type { CrlDetail, ImportCrlRequest, ListRequest, UpdateCrlRequest } from './shapes.js';
import { checkReservedKeys, validateTags } from './tagging.js';
import { RESOURCE_NAME_RULE, TRUST_ANCHOR_ARN_RULE, validateId, Validator } from './validation.js';
import { MAX_CRL_BYTES, MAX_CRLS_PER_TRUST_ANCHOR } from '../../roles-anywhere/service-limits.js';

export type CrlResponse = { crl: CrlDetail };

export function toCrlDetail(record: Readonly<CrlRecord>): CrlDetail {
  const { tags: _tags, crlDataBase64, ...rest } = record;
  return { ...rest, crlData: Buffer.from(crlDataBase64, 'base64') };
}

export async function requireCrl(ctx: ServiceContext, crlId: unknown): Promise<Readonly<CrlRecord>> {
  const v = new Validator();
  validateId(v, 'crlId', crlId);
  v.check();
  const record = await ctx.store.get('crl', crlId as string);
  if (!record) throw notFound('CRL not found');
  return record;
}

function validateCrlData(v: Validator, data: unknown): void {
  if (data === undefined || data === null) return;
  if (!(data instanceof Uint8Array)) {
    v.add('crlData', data, 'Member must be a blob');
    return;
  }
  if (data.length < 1) v.add('crlData', Buffer.from(data), 'Member must have length greater than or equal to 1');
  if (data.length > MAX_CRL_BYTES) v.add('crlData', Buffer.from(data), `Member must have length less than or equal to ${MAX_CRL_BYTES}`);
}

/** Parses the CRL and checks it against the anchor's certificates when one of them issued it. */
async function checkCrl(ctx: ServiceContext, data: Uint8Array, trustAnchorArn: string): Promise<ParsedCrl> {
  let crl: ParsedCrl;
  try {
    crl = parseCrl(data);
  } catch (error) {
    throw validationError('Invalid CRL data', `the CRL does not parse: ${(error as Error).message}`);
  }
  const anchorId = idFromArn(ctx, 'trust-anchor', trustAnchorArn);
  const anchor = anchorId === undefined ? undefined : await ctx.store.get('trustAnchor', anchorId);
  const pem = anchor?.source.sourceData?.x509CertificateData;
  if (pem === undefined) return crl;
  const issuers = parseAnchorCertificates(pem, ctx.keyAcceptance).filter((c) => c.fields.subjectDer.equals(crl.issuerDer));
  if (issuers.length > 0 && !issuers.some((c) => isCrlSignedBy(crl, c, ctx.mlDsa))) {
    throw validationError('Invalid CRL data', 'the CRL signature does not verify against the trust anchor certificate that issued it');
  }
  return crl;
}

export async function importCrl(ctx: ServiceContext, request: ImportCrlRequest): Promise<CrlResponse> {
  const v = new Validator();
  if (v.required('name', request.name)) v.string('name', request.name, RESOURCE_NAME_RULE);
  v.required('crlData', request.crlData);
  validateCrlData(v, request.crlData);
  if (v.required('trustAnchorArn', request.trustAnchorArn)) v.string('trustAnchorArn', request.trustAnchorArn, TRUST_ANCHOR_ARN_RULE);
  v.boolean('enabled', request.enabled);
  validateTags(v, 'tags', request.tags);
  v.check();
  checkReservedKeys(request.tags ?? []);
  const anchorId = idFromArn(ctx, 'trust-anchor', request.trustAnchorArn);
  if (anchorId === undefined || !(await ctx.store.get('trustAnchor', anchorId))) throw notFound('Trust anchor not found');
  const existing = (await ctx.store.list('crl')).filter((c) => c.trustAnchorArn === request.trustAnchorArn).length;
  if (existing >= MAX_CRLS_PER_TRUST_ANCHOR) {
    throw validationError(`A trust anchor can have at most ${MAX_CRLS_PER_TRUST_ANCHOR} CRLs`, `${existing} CRLs already`);
  }
  await checkCrl(ctx, request.crlData, request.trustAnchorArn);
  const id = ctx.newId();
  const now = formatTimestamp(ctx.now());
  const record: CrlRecord = {
    crlId: id,
    crlArn: resourceArn(ctx, 'crl', id),
    name: request.name,
    enabled: request.enabled ?? false,
    crlDataBase64: Buffer.from(request.crlData).toString('base64'),
    trustAnchorArn: request.trustAnchorArn,
    createdAt: now,
    updatedAt: now,
    tags: (request.tags ?? []).map((t) => ({ key: t.key, value: t.value })),
  };
  await ctx.store.put('crl', id, record);
  return { crl: toCrlDetail(record) };
}

export async function getCrl(ctx: ServiceContext, request: { crlId: string }): Promise<CrlResponse> {
  return { crl: toCrlDetail(await requireCrl(ctx, request.crlId)) };
}

export async function listCrls(ctx: ServiceContext, request: ListRequest = {}): Promise<{ crls: CrlDetail[]; nextToken?: string }> {
  const page = paginate(await ctx.store.list('crl'), request);
  return { crls: page.items.map(toCrlDetail), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export async function updateCrl(ctx: ServiceContext, request: UpdateCrlRequest): Promise<CrlResponse> {
  const v = new Validator();
  validateId(v, 'crlId', request.crlId);
  v.string('name', request.name, RESOURCE_NAME_RULE);
  validateCrlData(v, request.crlData);
  v.check();
  const record = await requireCrl(ctx, request.crlId);
  const changes: Partial<CrlRecord> = {};
  if (request.name !== undefined) changes.name = request.name;
  if (request.crlData !== undefined) {
    await checkCrl(ctx, request.crlData, record.trustAnchorArn);
    changes.crlDataBase64 = Buffer.from(request.crlData).toString('base64');
  }
  return replace(ctx, record, changes);
}

export async function setCrlEnabled(ctx: ServiceContext, request: { crlId: string }, enabled: boolean): Promise<CrlResponse> {
  return replace(ctx, await requireCrl(ctx, request.crlId), { enabled });
}

export async function deleteCrl(ctx: ServiceContext, request: { crlId: string }): Promise<CrlResponse> {
  const record = await requireCrl(ctx, request.crlId);
  await ctx.store.delete('crl', record.crlId);
  return { crl: toCrlDetail(record) };
}

async function replace(ctx: ServiceContext, record: Readonly<CrlRecord>, changes: Partial<CrlRecord>): Promise<CrlResponse> {
  const next: CrlRecord = { ...record, ...changes, updatedAt: formatTimestamp(ctx.now()) };
  await ctx.store.put('crl', record.crlId, next);
  return { crl: toCrlDetail(next) };
}
