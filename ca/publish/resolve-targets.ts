// Which targets a publish or a status covers (issue 9): one named by --trust-anchor-arn (with what
// the CA remembers for it), else every remembered target, each with its own endpoint, region,
// CRL name and profile.
import { UsageError } from '../../errors.js';
import type { Publication, PublishTarget } from '../store/publish-store.js';
import { resolveTarget, type TargetFlags } from './publish-target.js';

export interface ResolveTargetsInput {
  flags: TargetFlags;
  /** Every remembered target, most recently used first (PublishStore.publications). */
  publications: readonly Publication[];
  caCertificateDer: Buffer;
  /** When false (`crl status`), a CA never published resolves to no target instead of failing. */
  requireTarget: boolean;
}

const OVERRIDES = [['region', '--region'], ['endpoint', '--endpoint'], ['name', '--name'], ['profile', '--profile']] as const;

/** Most recently used first. Throws UsageError for a flag that is malformed or says nothing about which target. */
export function resolveTargets(input: ResolveTargetsInput): PublishTarget[] {
  const { flags, publications, caCertificateDer } = input;
  if (flags.trustAnchorArn !== undefined) {
    const known = publications.find((p) => p.target.trustAnchorArn === flags.trustAnchorArn);
    return [resolveTarget(flags, known?.target, caCertificateDer)];
  }
  if (publications.length === 0) return input.requireTarget ? [resolveTarget(flags, undefined, caCertificateDer)] : [];
  const [only] = publications;
  if (only && publications.length === 1) return [resolveTarget(flags, only.target, caCertificateDer)];
  const given = OVERRIDES.filter(([key]) => flags[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) {
    throw new UsageError('PUBLISH_TARGET_AMBIGUOUS', `invalid ${given.join(', ')}: this CA publishes to ${publications.length} trust anchors, and ${given.length === 1 ? 'it applies' : 'they apply'} to one only. Add --trust-anchor-arn ARN to say which.`);
  }
  return publications.map((p) => resolveTarget({}, p.target, caCertificateDer));
}
