import { describe, expect, it } from 'vitest';
import { snapshot } from '../testing/snapshots.js';
import { createRateSampler } from './rate-sampler.js';
import {
  selectBytesPerSecond,
  selectExpectedBytes,
  selectFraction,
  selectRegistration,
  selectSecondsLeft,
} from './selectors.js';
import { getInitialState } from './store.js';

const request = (downloadTotal: number | null) => ({
  url: 'https://a/x',
  method: 'GET',
  downloaded: 0,
  downloadTotal,
  status: null,
});

describe('selectRegistration', () => {
  it('reads one snapshot by id', () => {
    const one = snapshot();
    expect(selectRegistration({ registrations: { [one.id]: one } }, one.id)).toBe(one);
    expect(selectRegistration(getInitialState(), 'nope')).toBeUndefined();
  });

  it("never finds Object.prototype's members, even in a plain object", () => {
    for (const id of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(selectRegistration(getInitialState(), id)).toBeUndefined();
      expect(selectRegistration({ registrations: {} }, id)).toBeUndefined();
    }
  });
});

describe('selectExpectedBytes', () => {
  it('prefers the exact Content-Lengths when every one is known', () => {
    expect(
      selectExpectedBytes(snapshot({ downloadTotal: 1000, requests: [request(300), request(200)] })),
    ).toBe(500);
  });

  it('falls back to downloadTotal, else unknown', () => {
    expect(
      selectExpectedBytes(snapshot({ downloadTotal: 1000, requests: [request(300), request(null)] })),
    ).toBe(1000);
    expect(selectExpectedBytes(snapshot({ downloadTotal: 0, requests: [request(null)] }))).toBeUndefined();
  });
});

describe('selectFraction', () => {
  it('is downloaded over the expected total, at most 1', () => {
    expect(selectFraction(snapshot({ downloadTotal: 200, downloaded: 50 }))).toBe(0.25);
    expect(selectFraction(snapshot({ downloadTotal: 200, downloaded: 250 }))).toBe(1);
  });

  it('is unknown without a total, and 1 on success', () => {
    expect(selectFraction(snapshot({ downloaded: 50 }))).toBeUndefined();
    expect(selectFraction(undefined)).toBeUndefined();
    expect(selectFraction(snapshot({ downloaded: 50, result: 'success', status: 'success' }))).toBe(1);
  });
});

describe('selectBytesPerSecond', () => {
  it('seeds with the average since the start, then smooths towards the current rate', () => {
    const sampler = createRateSampler({ halfLifeMs: 1000 });
    expect(selectBytesPerSecond(snapshot({ startedAt: 0, updatedAt: 1000, downloaded: 1000 }), sampler)).toBe(
      1000,
    );
    // 3000 B/s for one half-life: halfway from 1000 to 3000.
    expect(selectBytesPerSecond(snapshot({ startedAt: 0, updatedAt: 2000, downloaded: 4000 }), sampler)).toBe(
      2000,
    );
  });

  it('gives the same answer for the same snapshot, however often it is asked', () => {
    const sampler = createRateSampler();
    const first = snapshot({ startedAt: 0, updatedAt: 1000, downloaded: 1000 });
    const second = snapshot({ startedAt: 0, updatedAt: 1500, downloaded: 3000 });
    sampler.sample(first);
    const rate = sampler.sample(second);
    expect(sampler.sample(second)).toBe(rate);
    expect(sampler.sample(second)).toBe(rate);
  });

  it('is 0 while not running, and starts over after a pause', () => {
    const sampler = createRateSampler({ halfLifeMs: 1000 });
    sampler.sample(snapshot({ startedAt: 0, updatedAt: 1000, downloaded: 1000 }));
    expect(
      sampler.sample(snapshot({ status: 'paused', startedAt: 0, updatedAt: 60_000, downloaded: 1000 })),
    ).toBe(0);
    // 1000 B/s for one half-life since the paused snapshot: halfway from 0.
    expect(sampler.sample(snapshot({ startedAt: 0, updatedAt: 61_000, downloaded: 2000 }))).toBe(500);
  });

  it('starts over when a request restarts from zero', () => {
    const sampler = createRateSampler();
    sampler.sample(snapshot({ startedAt: 0, updatedAt: 1000, downloaded: 5000 }));
    expect(sampler.sample(snapshot({ startedAt: 0, updatedAt: 2000, downloaded: 100 }))).toBe(0);
  });
});

describe('selectSecondsLeft', () => {
  it('is what is left over the rate', () => {
    expect(selectSecondsLeft(snapshot({ downloadTotal: 1000, downloaded: 400 }), 200)).toBe(3);
  });

  it('is unknown without a rate, a total or a running fetch, and 0 once done', () => {
    expect(selectSecondsLeft(snapshot({ downloadTotal: 1000 }), 0)).toBeUndefined();
    expect(selectSecondsLeft(snapshot(), 100)).toBeUndefined();
    expect(selectSecondsLeft(snapshot({ downloadTotal: 1000, status: 'paused' }), 100)).toBeUndefined();
    expect(selectSecondsLeft(snapshot({ result: 'success', status: 'success' }), 0)).toBe(0);
  });
});
