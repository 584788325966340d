// `iamra crl status`: for every remembered trust anchor (or the one --trust-anchor-arn names), the
// CA's latest CRL vs the last one sent vs what the service holds; exit 1 when any is not up to
// date, so it serves as a monitoring check (docs/crl-publishing.md).
import type { Command } from 'commander';
import { IamraError } from '../../errors.js';
import { crlStatus } from '../../ca/publish/crl-status.js';
import { parseTrustAnchorArn, type TargetFlags } from '../../ca/publish/publish-target.js';
import { failedExitCode, PUBLISH_CONCURRENCY } from '../../ca/publish/publish-to-targets.js';
import { encodePem } from '../../ca/x509/pem.js';
import { mapBounded } from '../../io/map-bounded.js';
import { ExitStatus } from '../shared/exit-status.js';
import { addCaOption, withCa, writeStdout } from '../shared/common.js';
import { addTargetOptions, openPublishContext } from './publish-context.js';
import { statusJson, statusTable, type TargetStatus } from './render-status.js';

interface StatusFlags extends TargetFlags {
  ca?: string;
  offline?: boolean;
  json?: boolean;
}

export function registerCrlStatus(crl: Command): void {
  const command = crl.command('status')
    .description('for every trust anchor: the CA\'s latest CRL, the last one sent, the one the service holds; exit 1 unless all are up to date')
    .option('--offline', 'do not call the service; report local state only')
    .option('--json', 'print JSON: an array, one object per trust anchor');
  addCaOption(addTargetOptions(command)).action((flags: StatusFlags) => {
    if (flags.trustAnchorArn !== undefined) parseTrustAnchorArn(flags.trustAnchorArn);
    return withCa(flags, async (ca) => {
      const context = await openPublishContext(ca, flags, { requireTarget: false });
      const now = new Date();
      const statuses = await mapBounded(context.targets, PUBLISH_CONCURRENCY, async (target): Promise<TargetStatus> => {
        try {
          return { target, status: await crlStatus({
            certStore: ca.store, publishStore: context.publishStore, target,
            publisher: flags.offline ? undefined : context.publisherFor(target), pemOf: (der) => encodePem('X509 CRL', der), now,
          }) };
        } catch (error) {
          if (!(error instanceof IamraError) || error.exitCode === 70) throw error;
          return { target, error };
        }
      });
      const local = flags.json ? undefined : await ca.store.latestCrl();
      await writeStdout(flags.json ? `${JSON.stringify(statuses.map(statusJson), null, 2)}\n` : statusTable(statuses, local));
      for (const s of statuses) if (s.error) process.stderr.write(`iamra: ${s.target.trustAnchorArn}: ${s.error.message}\n`);
      const code = exitCodeOf(statuses);
      if (code !== 0) throw new ExitStatus(code);
    });
  });
}

/** 1 when a target is known not to be up to date (or there is none); else the failures' code. */
function exitCodeOf(statuses: readonly TargetStatus[]): number {
  if (statuses.length === 0 || statuses.some((s) => s.status && !s.status.isUpToDate)) return 1;
  return failedExitCode(statuses.flatMap((s) => (s.error ? [s.error] : []))) ?? 0;
}
