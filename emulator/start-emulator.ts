// Starts the emulator: state, service, HTTP(S) server on the requested port; stop() undoes it all.
import { loadMlDsaEngine, type MlDsaEngine } from '../x509/ml-dsa-engine.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoleDefinition } from './role-definition.js';
import { DecisionLog } from './decision-log.js';
import { openEventLog } from './event-log.js';
import { ControlPlane } from './service/control-plane.js';
import { putRole, toRoleRecord } from './service/roles.js';
import type { NextUpdatePolicy, ServiceContext } from './service/service-context.js';
import { SessionCaches } from './service/session/session-caches.js';
import { IssuedCredentials } from './service/sts/issued-credentials.js';
import { DEFAULT_QUOTAS, type Quotas } from './service/quotas.js';
import { PublicRootStore } from './service/public-ca.js';
import { ControlRateLimits } from './routes/control-rate-limits.js';
import { createEmulatorServer } from './server.js';
import { openStateStore } from './state/open-state-store.js';
import type { StateStore } from './state/state-store.js';
import { createServerCertificate } from './tls-certificate.js';
import { CLOCK_SKEW_SECONDS } from '../roles-anywhere/service-limits.js';

export interface EmulatorOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Serve HTTPS with a self-signed certificate for host, 127.0.0.1 and localhost. */
  tls?: boolean;
  /** @default 'us-east-1' */
  region?: string;
  /** @default '123456789012' */
  account?: string;
  /** SQLite file; state is in memory when absent. */
  statePath?: string;
  roles?: RoleDefinition[];
  /** Clock. @default real time */
  now?: () => Date;
  /** @default 300 */
  clockSkewSeconds?: number;
  /** Verbose decision log: which check failed and why. */
  log?: (line: string) => void;
  /**
   * Where a failure of the emulator's own environment (its state file damaged, the disk full) is
   * written besides the decision log, so an operator sees it without --verbose.
   */
  failureLog?: (line: string) => void;
  /** Access key id to secret: control-plane calls must then be signed with one of them. */
  accessKeys?: Record<string, string>;
  /** Certificate values that cannot be session tags: fail the call (observed) or drop them. @default 'fail' */
  untaggable?: 'fail' | 'drop';
  /** A matching CRL past its nextUpdate: ignore it, or refuse the certificate. @default 'ignore' */
  crlNextUpdate?: NextUpdatePolicy;
  /** Accept RSA-1024 certificates (the official helper's own fixtures use them). @default false: RSA >= 2048 */
  allowRsa1024?: boolean;
  /** CreateSession calls per second per certificate and IP (the service's default quota is 10). @default unlimited */
  sessionRatePerSecond?: number;
  /** Raised quotas (resource counts, request rates). @default the service's defaults (DEFAULT_QUOTAS) */
  quotas?: Partial<Quotas>;
  /** Enforce the documented request rates: CreateSession per certificate and IP, 1 per second per control-plane API group. @default false */
  enforceRateLimits?: boolean;
  /** Append one CloudTrail-shaped JSON record per CreateSession to this file (created 0600). */
  eventsPath?: string;
  /** Id source for new resources (tests recreate resources with known ids). @default randomUUID */
  newId?: () => string;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT` or `https://...` */
  url: string;
  /** With tls: PEM file of the self-signed server certificate (for AWS_CA_BUNDLE). */
  caCertPath?: string;
  region: string;
  account: string;
  control: ControlPlane;
  putRole(role: RoleDefinition): Promise<void>;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  // Roles are checked before anything is created, so a bad definition changes nothing.
  const roles = (options.roles ?? []).map(toRoleRecord);
  const isNewStateFile = options.statePath !== undefined && !existsSync(options.statePath);
  const isNewEventsFile = options.eventsPath !== undefined && !existsSync(options.eventsPath);
  const events = options.eventsPath === undefined ? undefined : openEventLog(options.eventsPath);
  let store: StateStore;
  try {
    store = await openStateStore(options.statePath);
  } catch (error) {
    events?.close();
    // A state file this start created (SQLite creates it before it finds the disk full) goes too.
    if (isNewStateFile) removeStateFile(options.statePath);
    throw error;
  }
  // ML-DSA certificates, CRLs and CreateSession signatures are verified with it (issue 14).
  const ctx = serviceContext(options, store, await loadMlDsaEngine());
  if (events) ctx.recordEvent = events.write;
  for (const role of roles) await putRole(ctx, role);
  const tls = options.tls ? await prepareTls(host, ctx.now()) : undefined;
  const certDir = tls?.dir;
  const control = new ControlPlane(ctx);
  const accessKeys = options.accessKeys ? new Map(Object.entries(options.accessKeys)) : undefined;
  const sessionRatePerSecond = options.sessionRatePerSecond ?? (options.enforceRateLimits ? ctx.quotas.createSessionPerSecond : undefined);
  const server = createEmulatorServer({
    ctx,
    control,
    caches: new SessionCaches({ sessionRatePerSecond, mlDsa: ctx.mlDsa }),
    accessKeys,
    rateLimits: options.enforceRateLimits ? new ControlRateLimits(ctx.quotas) : undefined,
    reportFailure: (line) => {
      ctx.log(line);
      options.failureLog?.(line);
    },
    tls: tls && { key: tls.keyPem, cert: tls.certPem },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    await store.close();
    events?.close();
    // Non-null: isNewEventsFile is true only when an events path was given.
    if (isNewEventsFile) rmSync(options.eventsPath!, { force: true });
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    if (isNewStateFile) removeStateFile(options.statePath);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let stopped: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${urlHost}:${port}`,
    ...(certDir ? { caCertPath: join(certDir, 'server.pem') } : {}),
    region: ctx.region,
    account: ctx.account,
    control,
    putRole: async (role) => void (await putRole(ctx, role)),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        await store.close();
        events?.close();
        if (certDir) rmSync(certDir, { recursive: true, force: true });
      })),
  };
}

function serviceContext(options: EmulatorOptions, store: StateStore, mlDsa: MlDsaEngine): ServiceContext {
  const now = options.now ?? (() => new Date());
  const decisions = new DecisionLog(now, options.log ?? (() => {}));
  return {
    store,
    decisions,
    region: options.region ?? 'us-east-1',
    account: options.account ?? '123456789012',
    now,
    newId: options.newId ?? randomUUID,
    randomBytes,
    clockSkewSeconds: options.clockSkewSeconds ?? CLOCK_SKEW_SECONDS,
    keyAcceptance: { isOptedIn: options.allowRsa1024 === true },
    untaggable: options.untaggable ?? 'fail',
    crlNextUpdate: options.crlNextUpdate ?? 'ignore',
    log: decisions.log,
    issuedCredentials: new IssuedCredentials(),
    quotas: { ...DEFAULT_QUOTAS, ...options.quotas },
    publicRoots: new PublicRootStore(),
    mlDsa,
  };
}

/** The state file and SQLite's companions of it. */
function removeStateFile(statePath: string | undefined): void {
  if (statePath !== undefined) for (const suffix of ['', '-wal', '-shm']) rmSync(`${statePath}${suffix}`, { force: true });
}

/** The server certificate goes to a private temporary directory; its key never touches disk. */
async function prepareTls(host: string, now: Date): Promise<{ certPem: string; keyPem: string; dir: string }> {
  const certificate = await createServerCertificate(host, now);
  const dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-'));
  writeFileSync(join(dir, 'server.pem'), certificate.certPem);
  return { ...certificate, dir };
}
