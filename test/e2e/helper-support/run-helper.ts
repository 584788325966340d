// Runs `iamra <helper command>` through the helper under test (the Node build or the executable,
// see test/support/helper-runner.ts) with a clean, isolated environment.
import { helperRunner } from '../../support/helper-runner.js';
import { runCliAsync, type CliResult } from '../../support/run-cli.js';
import { tempDir } from './fixtures.js';

const CLEARED = [
  'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'AWS_CA_BUNDLE',
  'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_ROLESANYWHERE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_MAX_ATTEMPTS', 'IAMRA_CREDENTIAL_CACHE', 'XDG_CACHE_HOME', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_CONFIG_FILE',
  'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'IAMRA_PKCS8_PASSWORD',
];

export function isolatedEnv(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { HOME: tempDir('iamra-home-') };
  for (const name of CLEARED) env[name] = undefined;
  return { ...env, ...helperRunner().env, ...extra };
}

export function runHelper(args: string[], env: Record<string, string | undefined> = {}, cwd?: string): Promise<CliResult> {
  return runCliAsync(args, { env: isolatedEnv(env), cwd, program: helperRunner() });
}

/** The one stderr line of a failed run. */
export function errorLine(result: CliResult): string {
  const lines = result.stderr.split('\n').filter((l) => l !== '');
  if (lines.length !== 1) throw new Error(`expected one stderr line, got: ${result.stderr}`);
  return lines[0]!;
}
