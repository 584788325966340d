// Subjects (roles-anywhere.md §5): one per certificate subject that called CreateSession, with the
// certificates seen (ListSubjects, GetSubject).
import { createHash } from 'node:crypto';
import { formatName } from '../../x509/distinguished-name.js';
import { notFound } from '../errors.js';
import type { SubjectRecord } from '../state/state-store.js';
import type { ParsedCertificate } from '../../x509/parsed-certificate.js';
import { paginate } from './pagination.js';
import { formatTimestamp, resourceArn, type ServiceContext } from './service-context.js';
import type { ListRequest, SubjectDetail, SubjectSummary } from './shapes.js';
import { UUID_RULE, Validator } from './validation.js';

/** Certificates (and instance-property sets) remembered per subject, most recent first. */
export const MAX_CREDENTIALS_PER_SUBJECT = 20;

/** A stable id per account and subject DN, so a subject is found without a scan. */
export function subjectIdFor(ctx: ServiceContext, subjectDer: Buffer): string {
  const hex = createHash('sha256').update(ctx.account).update(subjectDer).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function toSummary(record: Readonly<SubjectRecord>): SubjectSummary {
  const { credentials: _c, instanceProperties: _i, ...summary } = record;
  return { ...summary };
}

export async function listSubjects(ctx: ServiceContext, request: ListRequest = {}): Promise<{ subjects: SubjectSummary[]; nextToken?: string }> {
  const page = paginate(await ctx.store.list('subject'), request);
  return { subjects: page.items.map(toSummary), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

export async function getSubject(ctx: ServiceContext, request: { subjectId: string }): Promise<{ subject: SubjectDetail }> {
  const v = new Validator();
  if (v.required('subjectId', request.subjectId)) v.string('subjectId', request.subjectId, UUID_RULE);
  v.check();
  const record = await ctx.store.get('subject', request.subjectId);
  if (!record) throw notFound('Subject not found');
  return { subject: structuredClone(record) as SubjectDetail };
}

/** Records a CreateSession by this certificate (and its instance properties); returns the subject's ARN. */
export async function recordSubject(
  ctx: ServiceContext,
  certificate: ParsedCertificate,
  outcome: { failed: boolean; instanceProperties?: Record<string, string> | undefined },
): Promise<string> {
  const failed = outcome.failed;
  const id = subjectIdFor(ctx, certificate.fields.subjectDer);
  const now = formatTimestamp(ctx.now());
  const previous = await ctx.store.get('subject', id);
  const serialNumber = certificate.fields.serialHex;
  const issuer = formatName(certificate.fields.issuer);
  const others = (previous?.credentials ?? []).filter((c) => c.serialNumber !== serialNumber || c.issuer !== issuer);
  const credential = {
    seenAt: now,
    serialNumber,
    issuer,
    enabled: true,
    x509CertificateData: certificate.der.toString('base64'),
    failed,
  };
  const record: SubjectRecord = {
    subjectArn: resourceArn(ctx, 'subject', id),
    subjectId: id,
    enabled: true,
    x509Subject: formatName(certificate.fields.subject),
    lastSeenAt: now,
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    credentials: [credential, ...others].slice(0, MAX_CREDENTIALS_PER_SUBJECT),
    instanceProperties: outcome.instanceProperties
      ? [{ seenAt: now, properties: { ...outcome.instanceProperties }, failed }, ...(previous?.instanceProperties ?? [])].slice(0, MAX_CREDENTIALS_PER_SUBJECT)
      : (previous?.instanceProperties ?? []),
  };
  await ctx.store.put('subject', id, record);
  return record.subjectArn;
}
