// The credential source of the long-running commands (serve, update): each fetch re-reads the
// certificate and key files, so a rotated certificate is picked up without a restart (official
// helper issue #64); a password typed at the prompt is asked for once and remembered in memory.
import type { CredentialFlags } from '../args/flags.js';
import type { HelperContext } from '../context.js';
import type { SessionCredentials } from '../credentials.js';
import { obtainCredentials, planSession } from '../session-settings.js';

export interface CredentialFetcher {
  fetch: () => Promise<SessionCredentials>;
  roleName: string;
}

/** Checks every flag and file now (errors before any network call), then returns the fetcher. */
export async function credentialFetcher(values: CredentialFlags, ctx: HelperContext): Promise<CredentialFetcher> {
  const typed = new Map<string, string | undefined>();
  const rememberingCtx: HelperContext = {
    ...ctx,
    prompt: async (question) => {
      if (!typed.has(question)) typed.set(question, await ctx.prompt(question));
      return typed.get(question);
    },
  };
  const first = await planSession(values, rememberingCtx);
  let firstKey;
  try {
    firstKey = await first.identity.loadKey();
  } catch (error) {
    await first.identity.close();
    throw error;
  }
  let isFirst = true;
  // Each fetch opens the key (a token session) and closes it when done, on errors too.
  const fetch = async (): Promise<SessionCredentials> => {
    if (isFirst) {
      isFirst = false;
      try {
        return await obtainCredentials(first, firstKey, rememberingCtx);
      } finally {
        await first.identity.close();
      }
    }
    const plan = await planSession(values, rememberingCtx);
    try {
      return await obtainCredentials(plan, await plan.identity.loadKey(), rememberingCtx);
    } finally {
      await plan.identity.close();
    }
  };
  // Non-null: split() returns at least one element, so pop() returns one.
  return { fetch, roleName: first.arns.roleArn.split('/').pop()! };
}
