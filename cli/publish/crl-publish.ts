// `iamra crl publish`: send the CA's CRL to its Roles Anywhere trust anchor, once or, with
// --watch, as a long-lived publisher (docs/crl-publishing.md).
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { OpenCa } from '../../ca/open-ca.js';
import { publishCrl, type PublishResult } from '../../ca/publish/publish-crl.js';
import { parseTrustAnchorArn, type TargetFlags } from '../../ca/publish/publish-target.js';
import { watchCrl } from '../../ca/publish/watch-crl.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { actor, addCaOption, withCa, writeStdout } from '../shared/common.js';
import { addCrlOptions, addTargetOptions, openPublishContext, type CrlFlags, type PublishContext } from './publish-context.js';
import { renderPublish, watchLine } from './render-publish.js';

interface PublishFlags extends TargetFlags, CrlFlags {
  ca?: string;
  watch?: boolean;
  interval?: string;
  json?: boolean;
}

export function registerCrlPublish(crl: Command): void {
  const command = crl.command('publish')
    .description('publish the CA\'s CRL to Roles Anywhere: ImportCrl the first time, UpdateCrl on change, nothing when unchanged')
    .option('--watch', 'keep running: publish on every change and before nextUpdate, until SIGTERM/SIGINT')
    .option('--interval <duration>', 'with --watch: how often to check, e.g. 2s, 15m, 1h', '15m')
    .option('--json', 'print the result as JSON');
  addCaOption(addCrlOptions(addTargetOptions(command))).action((flags: PublishFlags, cmd: Command) => publish(flags, cmd));
}

/** The one publish step both modes run. */
export function publishWith(ca: OpenCa, context: PublishContext): Promise<PublishResult> {
  return publishCrl({
    // Non-null: openPublishContext checked both: the CA has its certificate, and requireTarget resolved a target.
    certStore: ca.store, publishStore: context.publishStore, caCertificate: ca.certificate!, target: context.target!,
    source: context.source(), publisher: context.publisher, now: () => new Date(), actor: actor(),
  });
}

async function publish(flags: PublishFlags, cmd: Command): Promise<void> {
  if (flags.trustAnchorArn !== undefined) parseTrustAnchorArn(flags.trustAnchorArn);
  const hasInterval = cmd.getOptionValueSource('interval') === 'cli';
  if (hasInterval && !flags.watch) throw new UsageError('INTERVAL_WITHOUT_WATCH', 'invalid --interval: it only applies with --watch. Add --watch, or drop --interval.');
  const intervalSeconds = parseDurationSeconds(flags.interval ?? '15m', '--interval');
  if (flags.watch && flags.crl === undefined && parseDurationSeconds(flags.renewBefore, '--renew-before') <= intervalSeconds) {
    throw new UsageError('RENEW_BEFORE_INVALID', `invalid --renew-before: ${flags.renewBefore} is not longer than --interval ${flags.interval}, so a CRL could expire between two checks. Pass a longer --renew-before or a shorter --interval.`);
  }
  if (!flags.watch) {
    return withCa(flags, async (ca) => {
      const context = await openPublishContext(ca, flags, { requireTarget: true });
      await writeStdout(renderPublish(await publishWith(ca, context), flags.json === true));
    });
  }
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => () => controller.abort(signal);
  const onTerm = stop('SIGTERM');
  const onInt = stop('SIGINT');
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onInt);
  try {
    await withCa(flags, async (ca) => {
      const context = await openPublishContext(ca, flags, { requireTarget: true, stopSignal: controller.signal });
      await watch(ca, context, intervalSeconds * 1000, controller.signal);
    });
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onInt);
  }
}

async function watch(ca: OpenCa, context: PublishContext, intervalMs: number, signal: AbortSignal): Promise<void> {
  // Non-null: openPublishContext resolved a target through requireTarget before watch runs.
  process.stderr.write(`iamra: ${new Date().toISOString()} watch: publishing to ${context.target!.trustAnchorArn} every ${intervalMs / 1000}s\n`);
  await watchCrl({
    publishOnce: () => publishWith(ca, context),
    intervalMs,
    signal,
    now: () => new Date(),
    random: () => randomInt(1_000_000) / 1_000_000,
    sleep: (ms, abort) => delay(ms, undefined, { signal: abort }).catch(() => undefined),
    log: (event) => process.stderr.write(watchLine(event)),
  });
}
