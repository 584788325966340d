// The credential source of the long-running commands (serve, update): each fetch re-reads the
// certificate and key files, so a rotated certificate is picked up without a restart (official
// helper issue #64); a password typed at the prompt is asked for once and remembered in memory.
import type { FlagValues } from '../args/flag-parser.js';
import type { HelperContext } from '../context.js';
import type { SessionCredentials } from '../credentials.js';
import { obtainCredentials, planSession } from '../session-settings.js';

export interface CredentialFetcher {
  fetch: () => Promise<SessionCredentials>;
  roleName: string;
}

/** Checks every flag and file now (errors before any network call), then returns the fetcher. */
export async function credentialFetcher(values: FlagValues, ctx: HelperContext): Promise<CredentialFetcher> {
  const typed = new Map<string, string | undefined>();
  const rememberingCtx: HelperContext = {
    ...ctx,
    prompt: async (question) => {
      if (!typed.has(question)) typed.set(question, await ctx.prompt(question));
      return typed.get(question);
    },
  };
  const first = await planSession(values, rememberingCtx);
  const firstKey = await first.identity.loadKey();
  let isFirst = true;
  const fetch = async (): Promise<SessionCredentials> => {
    if (isFirst) {
      isFirst = false;
      return obtainCredentials(first, firstKey, rememberingCtx);
    }
    const plan = await planSession(values, rememberingCtx);
    return obtainCredentials(plan, await plan.identity.loadKey(), rememberingCtx);
  };
  // Non-null: split() returns at least one element, so pop() returns one.
  return { fetch, roleName: first.arns.roleArn.split('/').pop()! };
}
