// watchCrl with a scripted publish step and a recording sleep: intervals, backoff, refusals, stop.
import { describe, expect, it } from 'vitest';
import { InputError, InternalError, RefusedError, ServiceError } from '../../errors.js';
import type { PublishResult } from './publish-crl.js';
import { watchCrl, type WatchEvent } from './watch-crl.js';

const RESULT = { outcome: 'unchanged' } as PublishResult;

/** Runs the loop with a scripted publishOnce; sleeping records the delay and aborts after `steps` sleeps. */
async function run(script: Array<() => PublishResult>, steps: number) {
  const controller = new AbortController();
  const delays: number[] = [];
  const events: WatchEvent[] = [];
  let calls = 0;
  const done = watchCrl({
    publishOnce: async () => script[Math.min(calls++, script.length - 1)]!(),
    intervalMs: 60_000,
    signal: controller.signal,
    now: () => new Date(0),
    random: () => 0,
    sleep: async (ms) => {
      delays.push(ms);
      if (delays.length >= steps) controller.abort('SIGTERM');
    },
    log: (event) => events.push(event),
  });
  return { done, delays, events, calls: () => calls };
}

const ok = () => RESULT;
const throttled = () => { throw new ServiceError('SERVICE_THROTTLED', 'throttled'); };
const denied = () => { throw new RefusedError('SERVICE_ACCESS_DENIED', 'denied'); };

describe('watchCrl', () => {
  it('publishes every interval until aborted, then logs the stop', async () => {
    const { done, delays, events } = await run([ok], 3);
    await done;
    expect(delays).toEqual([60_000, 60_000, 60_000]);
    expect(events.map((e) => e.kind)).toEqual(['published', 'published', 'published', 'stopped']);
    expect(events.at(-1)).toMatchObject({ kind: 'stopped', reason: 'SIGTERM' });
  });

  it('backs off exponentially on retryable errors and resets after a success', async () => {
    const { done, delays } = await run([throttled, throttled, throttled, ok, throttled], 5);
    await done;
    expect(delays).toEqual([500, 1000, 2000, 60_000, 500]);
  });

  it('retries refusals at the interval, without backoff', async () => {
    const { done, delays, events } = await run([denied, ok], 2);
    await done;
    expect(delays).toEqual([60_000, 60_000]);
    expect(events[0]).toMatchObject({ kind: 'failed', retryInMs: 60_000 });
  });

  it('after a success, logs input errors and retries at the interval (a --crl file being replaced)', async () => {
    const missing = () => { throw new InputError('FILE_UNREADABLE', 'cannot read CRL'); };
    const { done, delays, events } = await run([ok, missing, ok], 3);
    await done;
    expect(delays).toEqual([60_000, 60_000, 60_000]);
    expect(events.map((e) => e.kind)).toEqual(['published', 'failed', 'published', 'stopped']);
  });

  it('always throws bugs', async () => {
    const { done } = await run([ok, () => { throw new InternalError('BUG', 'bug'); }], 5);
    await expect(done).rejects.toBeInstanceOf(InternalError);
  });

  it('stops on errors no retry can fix', async () => {
    const { done, calls } = await run([() => { throw new InputError('CRL_MALFORMED', 'bad'); }], 5);
    await expect(done).rejects.toBeInstanceOf(InputError);
    expect(calls()).toBe(1);
  });

  it('does not start when already aborted', async () => {
    const controller = new AbortController();
    controller.abort('SIGINT');
    const events: WatchEvent[] = [];
    await watchCrl({ publishOnce: async () => RESULT, intervalMs: 1, signal: controller.signal, now: () => new Date(0), random: () => 0, sleep: async () => {}, log: (e) => events.push(e) });
    expect(events).toEqual([{ kind: 'stopped', at: new Date(0), reason: 'SIGINT' }]);
  });
});
