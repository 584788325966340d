// Starts the emulator: state, service, HTTP(S) server on the requested port; stop() undoes it all.
import { loadMlDsaEngine } from '../x509/ml-dsa-engine.js';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoleDefinition } from './role-definition.js';
import { DecisionLog } from './decision-log.js';
import { ControlPlane } from './service/control-plane.js';
import { putRole, toRoleRecord } from './service/roles.js';
import type { NextUpdatePolicy, ServiceContext } from './service/service-context.js';
import { SessionCaches } from './service/session/session-caches.js';
import { createEmulatorServer } from './server.js';
import { MemoryStore } from './state/memory-store.js';
import type { StateStore } from './state/state-store.js';
import { SqliteStore } from './state/sqlite-store.js';
import { createServerCertificate } from './tls-certificate.js';
import { DEFAULT_MIN_RSA_BITS } from './x509/key-problem.js';

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
  putRole(role: RoleDefinition): void;
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  // Roles are checked before anything is created, so a bad definition changes nothing.
  const roles = (options.roles ?? []).map(toRoleRecord);
  const isNewStateFile = options.statePath !== undefined && !existsSync(options.statePath);
  const store = options.statePath ? await SqliteStore.open(options.statePath) : new MemoryStore();
  const ctx = serviceContext(options, store);
  // ML-DSA certificates, CRLs and CreateSession signatures are verified synchronously (issue 14).
  await loadMlDsaEngine();
  for (const role of roles) putRole(ctx, role);
  const tls = options.tls ? await prepareTls(host, ctx.now()) : undefined;
  const certDir = tls?.dir;
  const control = new ControlPlane(ctx);
  const accessKeys = options.accessKeys ? new Map(Object.entries(options.accessKeys)) : undefined;
  const server = createEmulatorServer({ ctx, control, caches: new SessionCaches({ sessionRatePerSecond: options.sessionRatePerSecond }), accessKeys, tls: tls && { key: tls.keyPem, cert: tls.certPem } });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (error) {
    store.close();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
    if (isNewStateFile) for (const suffix of ['', '-wal', '-shm']) rmSync(`${options.statePath}${suffix}`, { force: true });
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
    putRole: (role) => void putRole(ctx, role),
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => {
        store.close();
        if (certDir) rmSync(certDir, { recursive: true, force: true });
      })),
  };
}

function serviceContext(options: EmulatorOptions, store: StateStore): ServiceContext {
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
    clockSkewSeconds: options.clockSkewSeconds ?? 300,
    minRsaBits: options.allowRsa1024 ? 1024 : DEFAULT_MIN_RSA_BITS,
    untaggable: options.untaggable ?? 'fail',
    crlNextUpdate: options.crlNextUpdate ?? 'ignore',
    log: decisions.log,
  };
}

/** The server certificate goes to a private temporary directory; its key never touches disk. */
async function prepareTls(host: string, now: Date): Promise<{ certPem: string; keyPem: string; dir: string }> {
  const certificate = await createServerCertificate(host, now);
  const dir = mkdtempSync(join(tmpdir(), 'iamra-emulator-'));
  writeFileSync(join(dir, 'server.pem'), certificate.certPem);
  return { ...certificate, dir };
}
