// Which targets a publish or a status covers (issue 9): the named one with what is remembered for
// it, else every remembered one, each with its own endpoint, region, name and profile.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import type { Publication } from '../store/publish-store.js';
import { defaultCrlName } from './publish-target.js';
import { resolveTargets } from './resolve-targets.js';

const CA = Buffer.from('ca certificate der');
const EAST = 'arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/6f18c3df-5ba9-47e8-88be-aa4833d0f612';
const WEST = 'arn:aws:rolesanywhere:eu-west-1:210987654321:trust-anchor/00000000-1111-2222-3333-444444444444';
const NEW = 'arn:aws:rolesanywhere:ap-south-1:123456789012:trust-anchor/99999999-1111-2222-3333-444444444444';
const at = new Date('2026-12-01T00:00:00Z');
const east: Publication = { target: { trustAnchorArn: EAST, region: 'us-east-1', endpoint: 'http://127.0.0.1:1', crlName: 'east-crl' }, lastUsedAt: at };
const west: Publication = { target: { trustAnchorArn: WEST, region: 'eu-west-1', endpoint: 'https://vpce.example', crlName: 'west-crl', profile: 'west' }, lastUsedAt: at };

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof UsageError ? error.code : 'not a UsageError';
  }
  return undefined;
}

describe('resolveTargets', () => {
  it('takes every remembered target, in the store\'s order, each as remembered', () => {
    expect(resolveTargets({ flags: {}, publications: [west, east], caCertificateDer: CA, requireTarget: true })).toEqual([west.target, east.target]);
  });

  it('takes the remembered endpoint, region and profile of a known --trust-anchor-arn, not the most recent one\'s', () => {
    expect(resolveTargets({ flags: { trustAnchorArn: WEST }, publications: [east, west], caCertificateDer: CA, requireTarget: true })).toEqual([west.target]);
    expect(resolveTargets({ flags: { trustAnchorArn: WEST, endpoint: 'http://127.0.0.1:2' }, publications: [east, west], caCertificateDer: CA, requireTarget: true }))
      .toEqual([{ ...west.target, endpoint: 'http://127.0.0.1:2' }]);
  });

  it('starts a new target from the flags alone', () => {
    expect(resolveTargets({ flags: { trustAnchorArn: NEW }, publications: [east, west], caCertificateDer: CA, requireTarget: true }))
      .toEqual([{ trustAnchorArn: NEW, region: 'ap-south-1', crlName: defaultCrlName(CA) }]);
  });

  it('applies target flags to a single remembered target, as before', () => {
    expect(resolveTargets({ flags: { profile: 'other' }, publications: [east], caCertificateDer: CA, requireTarget: true })).toEqual([{ ...east.target, profile: 'other' }]);
  });

  it('refuses target flags without --trust-anchor-arn when there are several targets', () => {
    for (const flags of [{ endpoint: 'http://127.0.0.1:2' }, { region: 'us-east-2' }, { name: 'x' }, { profile: 'p' }]) {
      expect(codeOf(() => resolveTargets({ flags, publications: [east, west], caCertificateDer: CA, requireTarget: true }))).toBe('PUBLISH_TARGET_AMBIGUOUS');
    }
  });

  it('needs a target to publish, not to report status', () => {
    expect(codeOf(() => resolveTargets({ flags: {}, publications: [], caCertificateDer: CA, requireTarget: true }))).toBe('PUBLISH_TARGET_MISSING');
    expect(resolveTargets({ flags: {}, publications: [], caCertificateDer: CA, requireTarget: false })).toEqual([]);
  });
});
