// `iamra list`: the CA's certificates, filtered by status, expiry, subject, SAN and template,
// sorted and limited; a table with a header row, or the certificate JSON shape.
import { type Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import type { CertificateView } from '../../ca/certificate-view.js';
import { listCertificates, parseSubjectAttributeMatch, SORT_KEYS, type SortKey } from '../../ca/list-certificates.js';
import type { CertificateStatus } from '../../ca/store/cert-store.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { addCaOption, collect, withCa, writeStdout } from '../shared/common.js';
import { certificateJson, jsonText } from './certificate-json.js';

interface ListOptions {
  ca?: string;
  status?: CertificateStatus;
  expiringWithin?: string;
  includeExpired?: boolean;
  subjectLike?: string;
  san?: string[];
  template?: string;
  subjectAttr?: string[];
  sort: SortKey;
  limit?: string;
  json?: boolean;
}

const HEADER = ['SERIAL', 'STATUS', 'NOT AFTER', 'TEMPLATE', 'SUBJECT'];

/** Columns padded to their widest cell; the last one is not padded. */
export function renderTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n') + '\n';
}

function renderRows(rows: CertificateView[], isFiltered: boolean): string {
  if (rows.length === 0) return isFiltered ? 'no certificates match these filters\n' : 'no certificates issued by this CA yet\n';
  return renderTable([HEADER, ...rows.map((c) => [c.serialHex, c.status, c.notAfter.toISOString(), c.template ?? '-', c.subject])]);
}

function parseLimit(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!Number.isSafeInteger(limit) || limit < 1) throw new UsageError('LIMIT_INVALID', `invalid --limit ${JSON.stringify(text)}: not a positive whole number. Use e.g. --limit 20.`);
  return limit;
}

export function registerList(program: Command): void {
  const command = program.command('list')
    .description('list issued certificates (oldest issued first)')
    .addOption(new Option('--status <status>', 'only this status').choices(['valid', 'revoked', 'expired']))
    .option('--expiring-within <duration>', 'only certificates whose notAfter is within this duration from now (e.g. 7d); not those already expired')
    .option('--include-expired', 'with --expiring-within: also the certificates that expired already')
    .option('--subject-like <pattern>', 'only subjects containing this text; * is a wildcard (then the whole subject must match)')
    .option('--subject-attr <attr=value>', 'only subjects with this attribute, e.g. OU=payments or CN=web-1 (repeatable: all must match)', collect)
    .option('--san <text>', 'only certificates with this SAN, e.g. dns:web.example.com or just the value (repeatable: all must match)', collect)
    .option('--template <name>', 'only certificates issued with this template')
    .addOption(new Option('--sort <key>', 'order of the rows').choices([...SORT_KEYS]).default('issued'))
    .option('--limit <n>', 'at most this many rows (after sorting)')
    .option('--json', 'print a JSON array of certificate objects');
  addCaOption(command).action((options: ListOptions) => {
    const limit = parseLimit(options.limit);
    const subjectAttributes = options.subjectAttr?.map(parseSubjectAttributeMatch);
    const expiringWithinSeconds = options.expiringWithin === undefined ? undefined : parseDurationSeconds(options.expiringWithin, '--expiring-within');
    if (options.includeExpired && expiringWithinSeconds === undefined) throw new UsageError('INCLUDE_EXPIRED_ALONE', 'invalid --include-expired: it widens --expiring-within, which is missing. Add --expiring-within DURATION, or use --status expired.');
    return withCa(options, async (ca) => {
      const rows = await listCertificates({
        store: ca.store, now: new Date(), status: options.status, expiringWithinSeconds, includeExpired: options.includeExpired === true,
        subjectText: options.subjectLike, sans: options.san, template: options.template, subjectAttributes, sort: options.sort, limit,
      });
      if (options.json) return writeStdout(jsonText(rows.map(certificateJson)));
      const isFiltered = [options.status, options.expiringWithin, options.subjectLike, options.san, options.template, options.subjectAttr].some((v) => v !== undefined);
      await writeStdout(renderRows(rows, isFiltered));
    });
  });
}
