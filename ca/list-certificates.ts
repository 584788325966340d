// Use-case `list`: the CA's certificates with their status at an instant, filtered, sorted and
// limited. The store filters what it indexes (status, expiry, subject text, template); SANs and
// subject attributes are read from each certificate's DER.
import { UsageError } from '../errors.js';
import { parseCertificateFields } from '../x509/certificate-fields.js';
import { viewCertificate, type CertificateView } from './certificate-view.js';
import type { CertificateFilter, CertificateStatus, CertStore } from './store/cert-store.js';

export const SORT_KEYS = ['issued', 'serial', 'subject', 'not-after'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface SubjectAttributeMatch {
  /** Attribute short name (OU, CN, ...), compared case-insensitively. */
  type: string;
  /** Compared exactly. */
  value: string;
}

export interface ListCertificatesInput {
  store: CertStore;
  now: Date;
  status?: CertificateStatus;
  /** Only certificates whose notAfter is within this many seconds from `now` (not already past it unless `includeExpired`). */
  expiringWithinSeconds?: number;
  /** With `expiringWithinSeconds`: also the ones that expired already. */
  includeExpired?: boolean;
  /** `--subject-like`: text found anywhere in the subject; with `*` (any run) the whole subject must match. */
  subjectText?: string;
  /** `--san`: every one must match a SAN (`dns:web.example.com`, or just the value). */
  sans?: string[];
  template?: string;
  /** `--subject-attr OU=payments`: every one must be an attribute of the subject. */
  subjectAttributes?: SubjectAttributeMatch[];
  /** @default 'issued' */
  sort?: SortKey;
  limit?: number;
}

/** The store filter for a `--subject-like` text. */
export function subjectFilter(text: string): Pick<CertificateFilter, 'subjectContains' | 'subjectGlob'> {
  return text.includes('*') ? { subjectGlob: text } : { subjectContains: text };
}

/** Parses `--subject-attr ATTR=VALUE`. */
export function parseSubjectAttributeMatch(text: string): SubjectAttributeMatch {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) throw new UsageError('SUBJECT_ATTR_INVALID', `invalid --subject-attr ${JSON.stringify(text)}: not ATTR=VALUE. Use e.g. OU=payments or CN=web-1.`);
  return { type: text.slice(0, eq).trim(), value: text.slice(eq + 1) };
}

const SAN_TYPES = new Set(['dns', 'uri', 'email', 'ip', 'dirname']);

/** A SAN filter with a known `type:` prefix matches that type only; otherwise any type's value. */
export function sanMatches(sans: readonly string[], wanted: string): boolean {
  const colon = wanted.indexOf(':');
  const type = colon > 0 ? wanted.slice(0, colon).toLowerCase() : '';
  if (SAN_TYPES.has(type)) {
    const value = wanted.slice(colon + 1);
    return sans.some((san) => san.startsWith(`${type}:`) && sameValue(type, san.slice(type.length + 1), value));
  }
  return sans.some((san) => {
    const at = san.indexOf(':');
    return sameValue(san.slice(0, at), san.slice(at + 1), wanted);
  });
}

function sameValue(type: string, have: string, wanted: string): boolean {
  return type === 'dns' || type === 'email' ? have.toLowerCase() === wanted.toLowerCase() : have === wanted;
}

function hasAttributes(der: Buffer, wanted: readonly SubjectAttributeMatch[]): boolean {
  const subject = parseCertificateFields(der).subject;
  return wanted.every((w) => subject.some((a) => (a.shortName?.toLowerCase() === w.type.toLowerCase() || a.oid === w.type) && a.value === w.value));
}

const COMPARE: Readonly<Record<SortKey, ((a: CertificateView, b: CertificateView) => number) | undefined>> = {
  // The store returns issue order already.
  issued: undefined,
  serial: (a, b) => (a.serialHex.length - b.serialHex.length) || (a.serialHex < b.serialHex ? -1 : a.serialHex > b.serialHex ? 1 : 0),
  subject: (a, b) => a.subject.localeCompare(b.subject, 'en'),
  'not-after': (a, b) => a.notAfter.getTime() - b.notAfter.getTime(),
};

export async function listCertificates(input: ListCertificatesInput): Promise<CertificateView[]> {
  const { now, store } = input;
  const filter: CertificateFilter = {
    now,
    ...(input.status ? { status: input.status } : {}),
    ...(input.expiringWithinSeconds === undefined ? {} : { notAfterBefore: new Date(now.getTime() + input.expiringWithinSeconds * 1000) }),
    ...(input.subjectText === undefined ? {} : subjectFilter(input.subjectText)),
    ...(input.template === undefined ? {} : { template: input.template }),
  };
  // `--status expired` asks for the expired ones as plainly as --include-expired does.
  const isKeepingExpired = input.includeExpired === true || input.status === 'expired';
  const records = (await store.listCertificates(filter)).filter((record) =>
    (input.expiringWithinSeconds === undefined || isKeepingExpired || record.notAfter >= now)
    && (input.subjectAttributes === undefined || hasAttributes(record.der, input.subjectAttributes)));
  let views = await Promise.all(records.map((record) => viewCertificate(store, record, now, [])));
  const sans = input.sans ?? [];
  if (sans.length > 0) views = views.filter((view) => sans.every((wanted) => sanMatches(view.sans, wanted)));
  const compare = COMPARE[input.sort ?? 'issued'];
  if (compare) views.sort(compare);
  const shown = input.limit === undefined ? views : views.slice(0, input.limit);
  // Renewal links only for the rows shown: one indexed lookup each.
  return Promise.all(shown.map(async (view) => ({ ...view, renewedBy: (await store.renewalsOf(view.serialHex)).map((r) => r.serialHex) })));
}
