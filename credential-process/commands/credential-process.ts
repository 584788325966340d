// `iamra credential-process` (official-helper.md §1.1, §2.5): one CreateSession, the
// credential_process JSON on stdout; with --cache, a cache hit skips key loading and the network.
import { createHash } from 'node:crypto';
import { formatHelp, parseFlags, refuseUnsupported } from '../args/flag-parser.js';
import { CREDENTIAL_PROCESS_FLAGS } from '../args/flags.js';
import { cacheDirectory, cacheKey, isCacheEnabled, readCachedCredentials, writeCachedCredentials } from '../cache/credential-cache.js';
import type { HelperContext } from '../context.js';
import { formatCredentialProcess, type SessionCredentials } from '../credentials.js';
import { obtainCredentials, planSession, type SessionPlan } from '../session-settings.js';

const SUMMARY = 'Retrieve temporary credentials from Roles Anywhere in the credential_process format';

export async function runCredentialProcess(argv: readonly string[], ctx: HelperContext): Promise<void> {
  const parsed = parseFlags('credential-process', CREDENTIAL_PROCESS_FLAGS, argv);
  if (parsed.isHelp) return ctx.stdout(formatHelp('credential-process', SUMMARY, CREDENTIAL_PROCESS_FLAGS));
  refuseUnsupported('credential-process', CREDENTIAL_PROCESS_FLAGS, parsed);
  const { flags } = parsed;
  const plan = await planSession(flags, ctx);
  try {
    await respond(plan, flags.cache, ctx);
  } finally {
    // Token sessions end here, on success and on every error path.
    await plan.identity.close();
  }
}

async function respond(plan: SessionPlan, isCacheFlag: boolean, ctx: HelperContext): Promise<void> {
  const useCache = isCacheEnabled(isCacheFlag, ctx.env);
  const directory = cacheDirectory(ctx.env, ctx.homeDir);
  const key = cacheKey(cacheKeyInput(plan));
  if (useCache) {
    const cached = readCachedCredentials(directory, key, ctx.now().getTime());
    if (cached) {
      if (plan.isDebug) ctx.stderr('iamra: debug: credentials served from the cache');
      return ctx.stdout(formatCredentialProcess(cached));
    }
  }
  const credentials = await obtainCredentials(plan, await plan.identity.loadKey(), ctx);
  if (useCache) storeInCache(directory, key, credentials, ctx);
  ctx.stdout(formatCredentialProcess(credentials));
}

function cacheKeyInput(plan: SessionPlan): Parameters<typeof cacheKey>[0] {
  return {
    certificateFingerprint: createHash('sha256').update(plan.identity.certificate.raw).digest('hex'),
    ...plan.arns,
    durationSeconds: plan.durationSeconds,
    roleSessionName: plan.roleSessionName,
    endpoint: plan.endpoint.href,
    region: plan.region,
  };
}

function storeInCache(directory: string, key: string, credentials: SessionCredentials, ctx: HelperContext): void {
  try {
    writeCachedCredentials(directory, key, credentials);
  } catch (error) {
    // The credentials are good; a cache that cannot be written only costs the next call a session.
    const code = (error as { code?: string }).code ?? 'error';
    ctx.stderr(`iamra: warning: cannot write the credential cache: ${code} (${directory}). Check that directory's permissions.`);
  }
}
