import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_RETRY, retryDelay, retryPolicy } from './backoff.js';

describe('backoffDelay', () => {
  const policy = { ...DEFAULT_RETRY, attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, jitter: 0 };
  it('doubles from the base delay up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(policy, failures))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
  it('draws the jitter share at random, within [delay·(1-jitter), delay]', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(backoffDelay(jittered, 3, () => 0)).toBe(200);
    expect(backoffDelay(jittered, 3, () => 0.999999)).toBe(400);
    expect(backoffDelay({ ...policy, jitter: 1 }, 3, () => 0)).toBe(0);
  });
});

describe('retryPolicy', () => {
  it('fills in the defaults and checks figures', () => {
    expect(retryPolicy()).toEqual(DEFAULT_RETRY);
    expect(retryPolicy({ attempts: 2 })).toEqual({ ...DEFAULT_RETRY, attempts: 2 });
    expect(() => retryPolicy({ attempts: 0 })).toThrow(TypeError);
    expect(() => retryPolicy({ baseDelayMs: -1 })).toThrow('retry.baseDelayMs');
    expect(retryPolicy({ statuses: [503] }).statuses).toEqual([503]);
    expect(() => retryPolicy({ statuses: [200] })).toThrow('retry.statuses');
    expect(() => retryPolicy({ statuses: '503' as never })).toThrow('retry.statuses');
  });
});

describe('retryDelay', () => {
  const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, jitter: 0, maxRetryAfterMs: 5000 };
  it("takes the server's Retry-After over the back-off, capped", () => {
    expect(retryDelay(policy, 3, undefined)).toBe(400);
    expect(retryDelay(policy, 3, 1000)).toBe(1000);
    expect(retryDelay(policy, 3, 120_000)).toBe(5000);
  });
});
