// `iamra update` (official-helper.md §4.2, issue 4): keeps a profile of the shared credentials
// file current, rewriting it 5 minutes before expiry; transient failures are retried with
// backoff instead of ending the process; --once writes once and exits.
import { ServiceError } from '../../errors.js';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { UPDATE_FLAGS } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import { expirationMs } from '../credentials.js';
import { credentialsFilePath, writeCredentialsProfile } from '../update/write-credentials-file.js';
import { isStoppedWithin, unlessStopped } from '../stop.js';
import { credentialFetcher } from './refetch.js';
import { backoffDelayMs } from '../../io/retry-backoff.js';

const SUMMARY = 'Updates a profile of the shared credentials file with temporary credentials';
export const UPDATE_BEFORE_EXPIRY_MS = 5 * 60_000;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 5 * 60_000;

export async function runUpdate(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('update', UPDATE_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('update', SUMMARY, UPDATE_FLAGS));
  refuseUnsupported('update', UPDATE_FLAGS, parsed);
  const { flags } = parsed;
  const { profile, once: isOnce } = flags;
  const path = credentialsFilePath(ctx.env, ctx.homeDir);
  const fetcher = await credentialFetcher(flags, ctx);
  let failures = 0;
  for (;;) {
    let delay: number;
    try {
      const credentials = await unlessStopped(fetcher.fetch(), ctx.stopSignal);
      // Asked to stop mid-call: nothing was written (writes are synchronous and atomic).
      if (credentials === undefined) return;
      writeCredentialsProfile(path, profile, credentials);
      if (isOnce) return;
      failures = 0;
      delay = Math.max(RETRY_MIN_MS, expirationMs(credentials) - UPDATE_BEFORE_EXPIRY_MS - ctx.now().getTime());
      ctx.stderr(`iamra: updated profile ${profile} in ${path}; next update at ${new Date(ctx.now().getTime() + delay).toISOString()}`);
    } catch (error) {
      // Only network and service-side failures are worth waiting out; refusals and bad input are not.
      if (isOnce || !(error instanceof ServiceError)) throw error;
      failures++;
      delay = backoffDelayMs({ attempt: failures, baseMs: RETRY_MIN_MS, capMs: RETRY_MAX_MS, jitter: 'equal', random: ctx.random() });
      ctx.stderr(`iamra: update failed: ${error.message} Retrying in ${Math.round(delay / 1000)} s.`);
    }
    if (await isStoppedWithin(delay, ctx.stopSignal)) return;
  }
}
