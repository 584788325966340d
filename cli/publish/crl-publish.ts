// `iamra crl publish`: send the CA's CRL to every remembered Roles Anywhere trust anchor (or the one
// --trust-anchor-arn names), once or, with --watch, as a long-lived publisher (docs/crl-publishing.md).
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { IamraError, UsageError } from '../../errors.js';
import type { OpenCa } from '../../ca/open-ca.js';
import { publishCrl, type PublishResult } from '../../ca/publish/publish-crl.js';
import { publishToTargets } from '../../ca/publish/publish-to-targets.js';
import { prepareCrl, type CrlToSend } from '../../ca/publish/crl-to-send.js';
import type { PublishTarget } from '../../ca/store/publish-store.js';
import { parseTrustAnchorArn, type TargetFlags } from '../../ca/publish/publish-target.js';
import { watchCrl } from '../../ca/publish/watch-crl.js';
import { parseDurationSeconds } from '../../ca/x509/duration.js';
import { actor, addCaOption, withCa, writeStdout } from '../shared/common.js';
import { addCrlOptions, addTargetOptions, openPublishContext, type CrlFlags, type PublishContext } from './publish-context.js';
import { watchLine } from './render-publish.js';
import { reportOutcomes, type OutcomeReport } from './report-outcomes.js';

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

/** The one publish step both modes run, for one target. */
export function publishWith(ca: OpenCa, context: PublishContext, target: PublishTarget): Promise<PublishResult> {
  return publishCrl({
    // Non-null: openPublishContext checked that the CA has its certificate.
    certStore: ca.store, publishStore: context.publishStore, caCertificate: ca.certificate!, target,
    source: context.source(), publisher: context.publisherFor(target), now: () => new Date(), actor: actor(),
  });
}

/** Publishes to every target of the context; what to print, and the error to end with if some failed. */
export async function publishToAll(ca: OpenCa, context: PublishContext, isJson: boolean): Promise<OutcomeReport> {
  // A single target prepares its CRL in publishCrl itself, as it always has.
  const prepare = context.targets.length > 1 ? () => prepareWith(ca, context) : undefined;
  let outcomes;
  try {
    outcomes = await publishToTargets({ targets: context.targets, ...(prepare ? { prepare } : {}), publishOne: (target) => publishWith(ca, context, target) });
  } catch (error) {
    if (!(error instanceof IamraError) || error.exitCode === 70) throw error;
    return { stdout: '', stderr: '', failure: error };
  }
  return reportOutcomes(outcomes, isJson);
}

/** The CRL every target is sent: the latest, or a new one signed now (prepareCrl). */
function prepareWith(ca: OpenCa, context: PublishContext): Promise<CrlToSend> {
  // Non-null: openPublishContext checked that the CA has its certificate.
  return prepareCrl({ certStore: ca.store, publishStore: context.publishStore, caCertificate: ca.certificate!, source: context.source(), now: new Date(), actor: actor() });
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
      const report = await publishToAll(ca, context, flags.json === true);
      await writeStdout(report.stdout);
      process.stderr.write(report.stderr);
      if (report.failure) throw report.failure;
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

/** One watcher per target, each with its own backoff; a configuration error in one stops them all. */
async function watch(ca: OpenCa, context: PublishContext, intervalMs: number, signal: AbortSignal): Promise<void> {
  const all = new AbortController();
  const onStop = () => all.abort(signal.reason);
  signal.addEventListener('abort', onStop, { once: true });
  const isSeveral = context.targets.length > 1;
  // One watcher at a time decides on (and signs) the CRL, so a revocation is signed once, not per anchor.
  let signing: Promise<unknown> = Promise.resolve();
  const prepareInTurn = () => {
    const turn = signing.then(() => prepareWith(ca, context));
    signing = turn.catch(() => undefined);
    return turn;
  };
  try {
    // Settled, not Promise.all: the CA closes after this returns, so every watcher must have stopped.
    const ended = await Promise.allSettled(context.targets.map(async (target) => {
      const prefix = isSeveral ? `${target.trustAnchorArn}: ` : '';
      process.stderr.write(`iamra: ${new Date().toISOString()} watch: publishing to ${target.trustAnchorArn} every ${intervalMs / 1000}s\n`);
      try {
        await watchCrl({
          publishOnce: async () => {
            if (isSeveral) await prepareInTurn();
            return publishWith(ca, context, target);
          },
          intervalMs,
          signal: all.signal,
          now: () => new Date(),
          random: () => randomInt(1_000_000) / 1_000_000,
          sleep: (ms, abort) => delay(ms, undefined, { signal: abort }).catch(() => undefined),
          log: (event) => process.stderr.write(watchLine(event, prefix)),
        });
      } catch (error) {
        all.abort('error');
        throw error instanceof IamraError && isSeveral ? new IamraError(error.code, `${target.trustAnchorArn}: ${error.message}`, error.exitCode, { cause: error }) : error;
      }
    }));
    const failed = ended.find((e): e is PromiseRejectedResult => e.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    signal.removeEventListener('abort', onStop);
  }
}
