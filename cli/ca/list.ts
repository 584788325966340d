// `iamra list`: the CA's certificates, filtered by status, expiry and subject.
import { type Command, Option } from 'commander';
import { listCertificates, type CertificateView } from '../../ca/list-certificates.js';
import type { CertificateStatus } from '../../ca/store/cert-store.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';

interface ListOptions {
  ca?: string;
  status?: CertificateStatus;
  expiringWithin?: string;
  subjectLike?: string;
  json?: boolean;
}

export function certificateJson(c: CertificateView): Record<string, unknown> {
  return {
    serial: c.serialHex, subject: c.subject, status: c.status, notBefore: c.notBefore.toISOString(), notAfter: c.notAfter.toISOString(),
    issuedAt: c.issuedAt.toISOString(), keyType: c.keyType, template: c.template ?? null,
    revokedAt: c.revokedAt?.toISOString() ?? null, revocationReason: c.revocationReason ?? null,
  };
}

export function registerList(program: Command): void {
  const command = program.command('list')
    .description('list issued certificates')
    .addOption(new Option('--status <status>', 'only this status').choices(['valid', 'revoked', 'expired']))
    .option('--expiring-within <duration>', 'only certificates whose notAfter is within this duration (e.g. 14d)')
    .option('--subject-like <pattern>', 'only subjects containing this text; * is a wildcard (then the whole subject must match)')
    .option('--json', 'print a JSON array');
  addCaOption(command).action((options: ListOptions) =>
    withCa(options, async (ca) => {
      const rows = await listCertificates({
        store: ca.store, now: new Date(), status: options.status,
        expiringWithinSeconds: options.expiringWithin === undefined ? undefined : parseDurationSeconds(options.expiringWithin, '--expiring-within'),
        subjectText: options.subjectLike,
      });
      if (options.json) return writeStdout(`${JSON.stringify(rows.map(certificateJson), null, 2)}\n`);
      await writeStdout(rows.map((c) => `${c.serialHex}  ${c.status.padEnd(7)}  ${c.notAfter.toISOString()}  ${c.subject}\n`).join(''));
    }),
  );
}
