import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from './backoff.js';
import { type AttemptResult, type Retryable, runWithRetries } from './retryer.js';

const policy: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 0,
  maxDelayMs: 0,
  jitter: 0,
  statuses: [503],
  maxRetryAfterMs: 50,
};

/** A task whose attempts answer from `script`, in order; it settles when the script ends or it gives up. */
function scripted(
  script: AttemptResult[],
  runnable: () => boolean = () => true,
  changed: () => Promise<void> = () => Promise.resolve(),
) {
  const seen = { attempts: [] as boolean[], gaveUp: false, waits: 0, outages: 0 };
  let done = false;
  const task: Retryable = {
    active: () => !done && !seen.gaveUp,
    canRun: runnable,
    changed,
    attempt: async (last) => {
      seen.attempts.push(last);
      const next = script.shift();
      if (next === undefined) done = true;
      return next ?? { kind: 'over' };
    },
    waiting: (outage) => {
      seen.waits += 1;
      if (outage) seen.outages += 1;
    },
    giveUp: async () => {
      seen.gaveUp = true;
    },
  };
  return { task, seen };
}

const failure = (
  progressed = false,
  outage = false,
  more: { permanent?: boolean; retryAfterMs?: number } = {},
): AttemptResult => ({ kind: 'failed', progressed, outage, error: new Error('x'), ...more });

describe('runWithRetries', () => {
  it('gives up after `attempts` failures in a row, telling the last attempt it is the last', async () => {
    const { task, seen } = scripted([failure(), failure(), failure(), failure()]);
    await runWithRetries(task, policy);
    expect(seen.gaveUp).toBe(true);
    expect(seen.attempts).toEqual([false, false, true]);
  });
  it('starts the count again after an attempt that stored bytes', async () => {
    const { task, seen } = scripted([failure(), failure(), failure(true), failure(), failure(true)]);
    await runWithRetries(task, policy);
    expect(seen.gaveUp).toBe(false);
    expect(seen.attempts).toHaveLength(6);
  });
  it('spends no attempt while it cannot run, and waits for a change', async () => {
    let checks = 0;
    const { task, seen } = scripted([], () => ++checks > 2);
    await runWithRetries(task, policy);
    expect(seen.waits).toBe(2);
    expect(seen.attempts).toEqual([false]);
  });
  it('waits out an outage past the budget, and gives up on the first failure that had an answer', async () => {
    const outages = Array.from({ length: 10 }, () => failure(false, true));
    const { task, seen } = scripted([...outages, failure()]);
    await runWithRetries(task, policy);
    expect(seen.attempts).toHaveLength(11);
    expect(seen.outages).toBe(10 - policy.attempts + 1);
    expect(seen.gaveUp).toBe(true);
  });
  it('gives up at once on a permanent failure', async () => {
    const { task, seen } = scripted([failure(false, false, { permanent: true }), failure()]);
    await runWithRetries(task, policy);
    expect(seen.gaveUp).toBe(true);
    expect(seen.attempts).toEqual([false]);
  });
  it("waits out the server's Retry-After, capped at maxRetryAfterMs", async () => {
    // Nothing changes meanwhile: only the delay ends the wait.
    const never = () => new Promise<void>(() => {});
    const { task, seen } = scripted([failure(false, false, { retryAfterMs: 60_000 })], undefined, never);
    const started = performance.now();
    await runWithRetries(task, policy);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(5000);
    expect(seen.attempts).toHaveLength(2);
  });
});
