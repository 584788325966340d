// `iamra crl status`: local CRL vs last published vs what the service holds (docs/crl-publishing.md).
import type { Command } from 'commander';
import { crlStatus, type CrlStatus } from '../../ca/publish/crl-status.js';
import { parseTrustAnchorArn, type TargetFlags } from '../../ca/publish/publish-target.js';
import { encodePem } from '../../ca/x509/pem.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';
import { addTargetOptions, openPublishContext } from './publish-context.js';

interface StatusFlags extends TargetFlags {
  ca?: string;
  offline?: boolean;
  json?: boolean;
}

export function registerCrlStatus(crl: Command): void {
  const command = crl.command('status')
    .description('compare the CA\'s latest CRL, the last one published, and the one the service holds')
    .option('--offline', 'do not call the service; report local state only')
    .option('--json', 'print JSON');
  addCaOption(addTargetOptions(command)).action((flags: StatusFlags) => {
    if (flags.trustAnchorArn !== undefined) parseTrustAnchorArn(flags.trustAnchorArn);
    return withCa(flags, async (ca) => {
      const context = await openPublishContext(ca, flags, { requireTarget: false });
      const status = await crlStatus({
        certStore: ca.store, publishStore: context.publishStore, target: context.target,
        publisher: flags.offline ? undefined : context.publisher, pemOf: (der) => encodePem('X509 CRL', der),
      });
      await writeStdout(flags.json ? `${JSON.stringify(statusJson(status), null, 2)}\n` : statusText(status));
    });
  });
}

const iso = (date: Date | undefined) => date?.toISOString() ?? null;

export function statusJson(status: CrlStatus): Record<string, unknown> {
  const { local, target, published, pending, service } = status;
  return {
    local: local ? { crlNumber: local.crlNumber, thisUpdate: iso(local.thisUpdate), nextUpdate: iso(local.nextUpdate), entryCount: local.entryCount, sha256: local.sha256 } : null,
    target: target ? { trustAnchorArn: target.trustAnchorArn, region: target.region, endpoint: target.endpoint ?? null, crlName: target.crlName, profile: target.profile ?? null } : null,
    published: published ? { crlNumber: published.crlNumber ?? null, publishedAt: iso(published.publishedAt), sha256: published.sha256, bytes: published.bytes, crlId: published.crlId, crlArn: published.crlArn } : null,
    pending: pending ? { since: iso(pending.since), crlNumber: pending.crlNumber ?? null, sha256: pending.sha256 } : null,
    service: service.state === 'present' ? { ...service, updatedAt: iso(service.updatedAt) } : service,
    history: status.history.map((h) => ({ at: iso(h.at), action: h.action, crlNumber: h.crlNumber ?? null, sha256: h.sha256 ?? null, bytes: h.bytes ?? null, crlId: h.crlId ?? null })),
    isUpToDate: status.isUpToDate,
  };
}

function statusText(status: CrlStatus): string {
  const { local, target, published, pending, service } = status;
  const lines = [
    local ? `local:     CRL ${local.crlNumber}, ${local.entryCount} ${local.entryCount === 1 ? 'entry' : 'entries'}, thisUpdate ${iso(local.thisUpdate)}, nextUpdate ${iso(local.nextUpdate)}` : 'local:     no CRL yet',
    target ? `target:    ${target.trustAnchorArn} (${target.region}${target.endpoint ? `, ${target.endpoint}` : ''}), CRL name "${target.crlName}"` : 'target:    none (never published; pass --trust-anchor-arn)',
    published ? `published: ${published.crlNumber === undefined ? 'a CRL' : `CRL ${published.crlNumber}`} at ${iso(published.publishedAt)}, ${published.bytes} bytes, sha256 ${published.sha256}, ${published.crlArn}` : 'published: never',
  ];
  if (pending) lines.push(`pending:   an import started at ${iso(pending.since)} was not recorded; the next publish adopts it`);
  lines.push(`service:   ${serviceText(service)}`);
  lines.push(`status:    ${status.isUpToDate ? 'up to date' : 'NOT up to date: run "iamra crl publish"'}`);
  for (const h of status.history) lines.push(`history:   ${iso(h.at)} ${h.action}${h.crlNumber === undefined ? '' : ` CRL ${h.crlNumber}`}${h.crlId ? ` (${h.crlId})` : ''}`);
  return lines.map((l) => `${l}\n`).join('');
}

function serviceText(service: CrlStatus['service']): string {
  switch (service.state) {
    case 'not-checked': return 'not checked (--offline)';
    case 'never-published': return 'nothing published';
    case 'deleted': return `CRL ${service.crlId} no longer exists (deleted on the service)`;
    case 'present': return `${service.enabled ? 'enabled' : 'DISABLED'}, updatedAt ${iso(service.updatedAt)}, sha256 ${service.sha256} (${service.matchesPublished ? 'matches' : 'DIFFERS from'} the last publish)`;
  }
}
