// What every service function needs: the state, the account and region it emulates, and the
// injected clock and id source (effects stay at the edges).
import type { DecisionLog } from '../decision-log.js';
import type { KeyAcceptanceOptions } from '../../keys/key-acceptance.js';
import type { MlDsaEngine } from '../../x509/ml-dsa-engine.js';
import { formatRolesAnywhereArn, parseRolesAnywhereArn, type RolesAnywhereResourceType } from '../../roles-anywhere/arn.js';
import type { StateStore } from '../state/state-store.js';
import type { PublicRootStore } from './public-ca.js';
import type { Quotas } from './quotas.js';
import type { IssuedCredentials } from './sts/issued-credentials.js';

export type NextUpdatePolicy = 'ignore' | 'fail-closed';

export interface ServiceContext {
  store: StateStore;
  /** Recent decisions, for GET /_iamra/decisions; `log` writes to it. */
  decisions: DecisionLog;
  region: string;
  account: string;
  now: () => Date;
  /** A new lower-case UUID. */
  newId: () => string;
  /** Random bytes for session credentials. */
  randomBytes: (size: number) => Buffer;
  clockSkewSeconds: number;
  /** Whether the key policy's opt-in rows (RSA-1024, --allow-rsa-1024) are accepted in certificates. */
  keyAcceptance: KeyAcceptanceOptions;
  untaggable: 'fail' | 'drop';
  crlNextUpdate: NextUpdatePolicy;
  log: (line: string) => void;
  /** Credentials CreateSession issued (in memory), for STS calls signed with them. */
  issuedCredentials: IssuedCredentials;
  /** Resource quotas (enforced) and rates (enforced with --enforce-rate-limits). */
  quotas: Quotas;
  /** Node's bundled root store: certificates of public CAs, which cannot be trust anchors. */
  publicRoots: PublicRootStore;
  /** Verifies ML-DSA certificates, CRLs and CreateSession signatures (issue 14); loaded at start. */
  mlDsa: MlDsaEngine;
  /** Receives one CloudTrail-shaped record per CreateSession (--events). */
  recordEvent?: (record: Record<string, unknown>) => void;
}

export type ResourceType = RolesAnywhereResourceType;

export function resourceArn(ctx: ServiceContext, type: ResourceType, id: string): string {
  return formatRolesAnywhereArn({ partition: 'aws', region: ctx.region, account: ctx.account, type, id });
}

/** Parses one of our ARNs; undefined when it is not of this account, region and type. */
export function idFromArn(ctx: ServiceContext, type: ResourceType, arn: string): string | undefined {
  const parsed = parseRolesAnywhereArn(arn, type);
  const ours = parsed?.partition === 'aws' && parsed.region === ctx.region && parsed.account === ctx.account;
  return ours ? parsed.id : undefined;
}

/** ISO-8601 with microseconds and Z, as the service writes timestamps ("...46.129722Z"). */
export function formatTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '000Z');
}

/** `2022-07-27T04:36:55Z`, the session expiration form. */
export function formatExpiration(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function principalArn(ctx: ServiceContext): string {
  return `arn:aws:iam::${ctx.account}:root`;
}
