// Publishing to every target (issue 9): each outcome with its target, in order; a failure on one
// never stops the others; the CRL is prepared once first; at most `concurrency` at once.
import { describe, expect, it } from 'vitest';
import { IamraError, InternalError, RefusedError, ServiceError } from '../../errors.js';
import type { PublishTarget } from '../store/publish-store.js';
import type { CrlToSend } from './crl-to-send.js';
import type { PublishResult } from './publish-crl.js';
import { failedExitCode, publishToTargets } from './publish-to-targets.js';

const target = (n: number): PublishTarget => ({ trustAnchorArn: `arn:aws:rolesanywhere:us-east-1:123456789012:trust-anchor/${n}`, region: 'us-east-1', crlName: 'crl' });
const resultFor = (t: PublishTarget) => ({ outcome: 'unchanged', target: t }) as unknown as PublishResult;
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('publishToTargets', () => {
  it('publishes to every target and reports each failure with its target, in order', async () => {
    const targets = [1, 2, 3].map(target);
    const failure = new ServiceError('SERVICE_UNREACHABLE', 'cannot reach');
    const outcomes = await publishToTargets({ targets, publishOne: async (t) => { if (t === targets[1]) throw failure; return resultFor(t); } });
    expect(outcomes).toEqual([{ target: targets[0], result: resultFor(targets[0]!) }, { target: targets[1], error: failure }, { target: targets[2], result: resultFor(targets[2]!) }]);
  });

  it('prepares once before any target, then publishes at most `concurrency` at a time', async () => {
    const targets = [1, 2, 3, 4, 5, 6].map(target);
    let running = 0;
    let most = 0;
    const log: string[] = [];
    await publishToTargets({
      targets, concurrency: 2,
      prepare: async () => {
        log.push('prepare');
        return { sha256: 'x' } as CrlToSend;
      },
      publishOne: async (t) => {
        running += 1;
        most = Math.max(most, running);
        log.push(`start ${t.trustAnchorArn.slice(-1)}`);
        await tick();
        running -= 1;
        return resultFor(t);
      },
    });
    expect(log.slice(0, 3)).toEqual(['prepare', 'start 1', 'start 2']);
    expect(log.filter((l) => l.startsWith('start'))).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('marks the targets that sent the CRL prepare signed as sending a new CRL', async () => {
    const prepared = { sha256: 'new', signedBecause: 'revocations-changed' } as CrlToSend;
    const sent = (t: PublishTarget, sha256: string) => ({ outcome: 'updated', target: t, crl: { sha256 } }) as unknown as PublishResult;
    const outcomes = await publishToTargets({ targets: [target(1), target(2)], prepare: async () => prepared, publishOne: async (t) => sent(t, t.trustAnchorArn.endsWith('1') ? 'new' : 'other') });
    expect(outcomes.map((o) => ('result' in o ? o.result.crl.signedBecause : 'failed'))).toEqual(['revocations-changed', undefined]);
  });

  it('publishes nothing when the preparation fails, and throws its error', async () => {
    const wrongPassphrase = new IamraError('CA_KEY_PASSPHRASE_WRONG', 'wrong passphrase', 3);
    const published: PublishTarget[] = [];
    await expect(publishToTargets({ targets: [target(1), target(2)], prepare: async () => { throw wrongPassphrase; }, publishOne: async (t) => { published.push(t); return resultFor(t); } })).rejects.toBe(wrongPassphrase);
    expect(published).toEqual([]);
  });

  it('throws bugs instead of reporting them as a target\'s failure', async () => {
    await expect(publishToTargets({ targets: [target(1), target(2)], publishOne: async () => { throw new TypeError('bug'); } })).rejects.toThrow(TypeError);
    await expect(publishToTargets({ targets: [target(1)], publishOne: async () => { throw new InternalError('X', 'bug'); } })).rejects.toThrow(InternalError);
  });

  it('returns nothing for no target', async () => {
    expect(await publishToTargets({ targets: [], publishOne: async (t) => resultFor(t) })).toEqual([]);
  });
});

describe('failedExitCode', () => {
  it('is the failures\' own code when they agree, 4 for a mix, undefined without failures', () => {
    expect(failedExitCode([])).toBeUndefined();
    expect(failedExitCode([new RefusedError('A', 'a'), new RefusedError('B', 'b')])).toBe(1);
    expect(failedExitCode([new RefusedError('A', 'a'), new IamraError('C', 'c', 3)])).toBe(4);
  });
});
