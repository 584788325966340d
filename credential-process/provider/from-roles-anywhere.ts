// The in-process credential provider for the AWS SDK for JavaScript v3 (issue 10): signs
// CreateSession with the helper's own sigv4-x509 steps, in this process, and keeps the
// credentials until shortly before they expire. Concurrent calls share one refresh; every
// refresh re-reads the certificate and key files, so rotated files are picked up, and opens a
// token key (pkcs11: URIs) for that refresh only.
import { randomInt } from 'node:crypto';
import type { HelperContext } from '../context.js';
import { expirationMs, type SessionCredentials } from '../credentials.js';
import { readInput } from '../identity.js';
import { obtainCredentials, planSession } from '../session-settings.js';
import { toFlagValues, type InlineInputs, type RolesAnywhereProviderOptions } from './provider-options.js';

/** What SDK v3 clients accept from a credential provider (AwsCredentialIdentity). */
export interface RolesAnywhereCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export type RolesAnywhereCredentialProvider = () => Promise<RolesAnywhereCredentials>;

const DEFAULT_REFRESH_BEFORE_EXPIRY_SECONDS = 300;

function providerContext(options: RolesAnywhereProviderOptions, inline: InlineInputs): HelperContext {
  const warn = options.warn ?? ((line: string) => console.warn(line));
  return {
    env: options.env ?? process.env,
    homeDir: '',
    now: () => new Date(),
    random: () => randomInt(1_000_000) / 1_000_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    stdout: () => undefined,
    stderr: warn,
    // No terminal in a library: an encrypted key needs pkcs8Password.
    prompt: async () => undefined,
    stopSignal: new Promise<void>(() => undefined),
    readFile: (path, what) => inline.get(path) ?? readInput(path, what),
  };
}

function toIdentity(credentials: SessionCredentials): RolesAnywhereCredentials {
  return { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken, expiration: new Date(expirationMs(credentials)) };
}

/**
 * A credential provider for any AWS SDK v3 client:
 * `new S3Client({ credentials: fromRolesAnywhere({ certificate, privateKey, trustAnchorArn, profileArn, roleArn }) })`.
 * Errors are the helper's IamraErrors (`code`, `exitCode`), e.g. KEY_WRONG_PASSPHRASE or SESSION_REFUSED.
 */
export function fromRolesAnywhere(options: RolesAnywhereProviderOptions): RolesAnywhereCredentialProvider {
  const { values, inline } = toFlagValues(options);
  const ctx = providerContext(options, inline);
  const marginMs = (options.refreshBeforeExpirySeconds ?? DEFAULT_REFRESH_BEFORE_EXPIRY_SECONDS) * 1000;
  let current: RolesAnywhereCredentials | undefined;
  let refreshing: Promise<RolesAnywhereCredentials> | undefined;
  const refresh = async (): Promise<RolesAnywhereCredentials> => {
    const plan = await planSession(values, ctx);
    try {
      current = toIdentity(await obtainCredentials(plan, await plan.identity.loadKey(), ctx));
      return current;
    } finally {
      // A token key's session (and the module) is released after every refresh, on errors too.
      await plan.identity.close();
    }
  };
  return async () => {
    if (current && Date.now() < current.expiration.getTime() - marginMs) return current;
    refreshing ??= refresh().finally(() => {
      refreshing = undefined;
    });
    return refreshing;
  };
}
