// The documented control-plane rates (1 per second per API group, account-wide) with
// --enforce-rate-limits: a token bucket per group on the emulator's clock; over it,
// 429 ThrottlingException "Rate exceeded".
import type { Quotas } from '../service/quotas.js';
import { SessionThrottle } from '../service/session/session-throttle.js';

export type ControlApiGroup = 'trustAnchor' | 'profile' | 'crl' | 'subject' | 'tagging';

/** The group of a control-plane path (quotas.html names the trust-anchor, profile, CRL, subject and tagging APIs). */
export function controlApiGroup(path: string): ControlApiGroup {
  const first = path.split('/')[1] ?? '';
  if (first.startsWith('trustanchor') || first.endsWith('-notifications-settings')) return 'trustAnchor';
  if (first.startsWith('profile')) return 'profile';
  if (first.startsWith('crl')) return 'crl';
  if (first.startsWith('subject')) return 'subject';
  return 'tagging';
}

export class ControlRateLimits {
  private readonly throttles: ReadonlyMap<ControlApiGroup, SessionThrottle>;

  constructor(quotas: Quotas) {
    this.throttles = new Map<ControlApiGroup, SessionThrottle>([
      ['trustAnchor', new SessionThrottle({ ratePerSecond: quotas.trustAnchorCallsPerSecond })],
      ['profile', new SessionThrottle({ ratePerSecond: quotas.profileCallsPerSecond })],
      ['crl', new SessionThrottle({ ratePerSecond: quotas.crlCallsPerSecond })],
      ['subject', new SessionThrottle({ ratePerSecond: quotas.subjectCallsPerSecond })],
      ['tagging', new SessionThrottle({ ratePerSecond: quotas.taggingCallsPerSecond })],
    ]);
  }

  /** Takes one call of the path's group at `nowMs`, or throws ThrottlingException. */
  take(path: string, nowMs: number): void {
    const group = controlApiGroup(path);
    // Non-null: the constructor made a throttle for every group controlApiGroup returns.
    this.throttles.get(group)!.take(`${group} APIs`, nowMs);
  }
}
