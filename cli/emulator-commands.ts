// `iamra emulator` (issue #3): parse options, start the emulator, print its URL, run until
// SIGTERM/SIGINT. Errors become IamraErrors with stable codes (docs/emulator.md).
import type { Command } from 'commander';
import { EmulatorServiceError } from '../emulator/errors.js';
import { isLoopbackHost, parseQuotas, QuotasInvalid, startEmulator, type EmulatorOptions, type Quotas, type RunningEmulator } from '../emulator/index.js';
import type { RoleDefinition } from '../emulator/role-definition.js';
import { describeFileError, InputError, ServiceError, UsageError } from '../errors.js';
import { isAccountId, isRegion } from '../roles-anywhere/arn.js';
import { CLOCK_SKEW_SECONDS } from '../roles-anywhere/service-limits.js';
import { readInputFile } from '../io/read-input-file.js';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

interface EmulatorFlags {
  port: string;
  host: string;
  tls?: boolean;
  state?: string;
  roles?: string;
  region: string;
  account: string;
  clockSkew: string;
  untaggable: string;
  crlNextUpdate: string;
  accessKeys?: string;
  sessionRate?: string;
  allowRsa1024?: boolean;
  quotas?: string;
  enforceRateLimits?: boolean;
  events?: string;
  verbose?: boolean;
}

export function registerEmulatorCommands(program: Command): void {
  program
    .command('emulator')
    .description('run a local IAM Roles Anywhere emulator: control plane and CreateSession (docs/emulator.md)')
    .option('--port <port>', 'TCP port to listen on; 0 picks a free one', '0')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--tls', 'serve HTTPS with a self-signed certificate (its PEM path is logged, for AWS_CA_BUNDLE)')
    .option('--state <file>', 'keep state in this SQLite file so it survives restarts (default: in memory)')
    .option('--roles <file>', 'JSON file {"roles": [{"arn", "maxSessionDuration", "trustPolicy"}]}')
    .option('--region <region>', 'region of the emulated endpoint and its ARNs', 'us-east-1')
    .option('--account <id>', 'account id of the ARNs', '123456789012')
    .option('--clock-skew <seconds>', 'accepted difference between X-Amz-Date and the clock', String(CLOCK_SKEW_SECONDS))
    .option('--untaggable <policy>', 'certificate values that cannot be session tags: fail | drop', 'fail')
    .option('--crl-next-update <policy>', 'a CRL past its nextUpdate: ignore | fail-closed', 'ignore')
    .option('--access-keys <file>', 'JSON {"ACCESS_KEY_ID": "SECRET"}: control-plane calls must be signed with one of them')
    .option('--session-rate <tps>', 'throttle CreateSession per certificate and IP like the service (its default quota is 10)')
    .option('--allow-rsa-1024', 'accept RSA-1024 certificates (default: RSA of 2048 bits or more; EC P-256, P-384, P-521)')
    .option('--quotas <file>', 'JSON {"trustAnchors": 100, ...}: raise the service quotas (docs/emulator.md)')
    .option('--enforce-rate-limits', "enforce the service's request rates: CreateSession 10/s per certificate and IP, 1/s per control-plane API group")
    .option('--events <file>', 'append one CloudTrail-shaped JSON record per CreateSession to this file')
    .option('--verbose', 'log every decision and its reason to stderr')
    .action(async (flags: EmulatorFlags) => {
      const emulator = await start(toOptions(flags));
      process.stdout.write(`${emulator.url}\n`);
      const log = (line: string) => process.stderr.write(`iamra emulator: ${line}\n`);
      // Before the "listening" line, so a reader that waits for that line has seen the warning.
      if (!flags.accessKeys && !isLoopbackHost(flags.host)) {
        log(`warning: listening on ${flags.host} without --access-keys: anyone who reaches it can change its trust anchors, profiles and roles. Pass --access-keys FILE.`);
      }
      log(`listening on ${emulator.url} (region ${emulator.region}, account ${emulator.account}, state ${flags.state ?? 'in memory'})`);
      if (emulator.caCertPath) log(`TLS certificate: ${emulator.caCertPath} (set AWS_CA_BUNDLE to it)`);
      const signal = await new Promise<string>((resolve) => {
        process.once('SIGTERM', () => resolve('SIGTERM'));
        process.once('SIGINT', () => resolve('SIGINT'));
      });
      await emulator.stop();
      log(`stopped on ${signal}`);
    });
}

function toOptions(flags: EmulatorFlags): EmulatorOptions {
  const port = integerFlag('--port', flags.port, 0, 65535);
  const clockSkewSeconds = integerFlag('--clock-skew', flags.clockSkew, 0, 86400);
  const untaggable = choiceFlag('--untaggable', flags.untaggable, ['fail', 'drop'] as const);
  const crlNextUpdate = choiceFlag('--crl-next-update', flags.crlNextUpdate, ['ignore', 'fail-closed'] as const);
  if (!isAccountId(flags.account)) {
    throw new UsageError('EMULATOR_OPTION_INVALID', `invalid --account: not a 12-digit account id (${flags.account}). Pass 12 digits.`);
  }
  if (!isRegion(flags.region)) {
    throw new UsageError('EMULATOR_OPTION_INVALID', `invalid --region: not a region name (${flags.region}). Pass e.g. us-east-1.`);
  }
  return {
    port,
    host: flags.host,
    tls: flags.tls === true,
    region: flags.region,
    account: flags.account,
    clockSkewSeconds,
    untaggable,
    crlNextUpdate,
    allowRsa1024: flags.allowRsa1024 === true,
    enforceRateLimits: flags.enforceRateLimits === true,
    ...(flags.quotas ? { quotas: readQuotas(flags.quotas) } : {}),
    ...(flags.events ? { eventsPath: flags.events } : {}),
    ...(flags.sessionRate ? { sessionRatePerSecond: integerFlag('--session-rate', flags.sessionRate, 1, 1_000_000) } : {}),
    ...(flags.state ? { statePath: flags.state } : {}),
    ...(flags.roles ? { roles: readRoles(flags.roles) } : {}),
    ...(flags.accessKeys ? { accessKeys: readAccessKeys(flags.accessKeys) } : {}),
    // Without --verbose, failures of the emulator's own state or disk still reach stderr.
    ...(flags.verbose ? { log: (line: string) => process.stderr.write(`iamra emulator: ${line}\n`) } : { failureLog: (line: string) => process.stderr.write(`iamra emulator: ${line}\n`) }),
  };
}

async function start(options: EmulatorOptions): Promise<RunningEmulator> {
  if (options.statePath) checkStateDirectory(options.statePath);
  try {
    return await startEmulator(options);
  } catch (error) {
    if (error instanceof EmulatorServiceError) {
      throw new InputError('EMULATOR_ROLES_INVALID', `cannot load the roles: ${error.message} (--roles). Fix the role definition.`, { cause: error });
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ServiceError(
        'EMULATOR_LISTEN_FAILED',
        `cannot listen on ${options.host}:${options.port}: ${code} (--host/--port). Choose another port, or --port 0 for a free one.`,
        { cause: error },
      );
    }
    if (options.eventsPath !== undefined && (error as NodeJS.ErrnoException).path === options.eventsPath) {
      throw new InputError('OUTPUT_UNWRITABLE', `cannot open the --events file: ${describeFileError(error)} (${options.eventsPath}). Pass a writable file path.`, { cause: error });
    }
    throw error;
  }
}

/** better-sqlite3 refuses a path in a missing directory with a bare TypeError; say it first. */
function checkStateDirectory(statePath: string): void {
  const directory = dirname(resolve(statePath));
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new InputError('EMULATOR_STATE_UNREADABLE', `cannot open the state file: its directory does not exist (${statePath}). Pass a writable SQLite file path.`);
  }
}

function integerFlag(name: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!(n >= min && n <= max)) throw new UsageError('EMULATOR_OPTION_INVALID', `invalid ${name}: not an integer from ${min} to ${max} (${value}). Pass a number in that range.`);
  return n;
}

function choiceFlag<T extends string>(name: string, value: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError('EMULATOR_OPTION_INVALID', `invalid ${name}: must be ${choices.join(' or ')} (${value}). Pass one of those.`);
  }
  return value as T;
}

/** --roles and --access-keys files. */
const EMULATOR_FILE_MAX_BYTES = 16 * 1024 * 1024;

function readJsonFile(flag: string, path: string): unknown {
  const text = readInputFile(path, { what: `${flag} file`, maxBytes: EMULATOR_FILE_MAX_BYTES, todo: 'Check the path' }).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError('EMULATOR_FILE_INVALID', `cannot read ${flag} file: not valid JSON (${path}). Fix the file.`, { cause: error });
  }
}

function readRoles(path: string): RoleDefinition[] {
  const value = readJsonFile('--roles', path) as { roles?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(value.roles)) {
    throw new InputError('EMULATOR_FILE_INVALID', `cannot read --roles file: expected {"roles": [...]} (${path}). Fix the file.`);
  }
  return value.roles as RoleDefinition[];
}

function readQuotas(path: string): Quotas {
  try {
    return parseQuotas(readJsonFile('--quotas', path));
  } catch (error) {
    if (!(error instanceof QuotasInvalid)) throw error;
    throw new InputError('EMULATOR_FILE_INVALID', `cannot read --quotas file: ${error.message} (${path}). Fix the file.`, { cause: error });
  }
}

function readAccessKeys(path: string): Record<string, string> {
  const value = readJsonFile('--access-keys', path);
  const isValid = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
  if (!isValid) {
    throw new InputError('EMULATOR_FILE_INVALID', `cannot read --access-keys file: expected {"ACCESS_KEY_ID": "SECRET"} (${path}). Fix the file.`);
  }
  return value as Record<string, string>;
}
