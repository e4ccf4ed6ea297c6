import { describe, expect, it } from 'vitest';
import { ConnectionRamp } from './connection-ramp.js';

describe('ConnectionRamp', () => {
  it('opens one more connection per window while the throughput rises, up to the cap', () => {
    const ramp = new ConnectionRamp(1, 3, 0, 0, 1000);
    expect(ramp.tick(500, 5)).toBe(false);
    // 10 bytes/ms at one connection: nothing to compare with yet, try a second.
    expect(ramp.tick(1000, 10_000)).toBe(true);
    // 20 at two: it rose, try a third.
    expect(ramp.tick(2000, 30_000)).toBe(true);
    // The cap: no fourth, however fast.
    expect(ramp.tick(3000, 90_000)).toBe(false);
  });

  it('gives a connection that did not raise the throughput a second window, then opens no more', () => {
    const ramp = new ConnectionRamp(1, 6, 0, 0, 1000);
    expect(ramp.tick(1000, 10_000)).toBe(true);
    // 10.5 at two: not 10% more than 10; the next window, 20, is.
    expect(ramp.tick(2000, 20_500)).toBe(false);
    expect(ramp.tick(3000, 40_500)).toBe(true);
    // Two windows in a row no faster than 20: it stays at three.
    expect(ramp.tick(4000, 61_000)).toBe(false);
    expect(ramp.tick(5000, 81_500)).toBe(false);
    expect(ramp.tick(6000, 200_000)).toBe(false);
  });

  it('stops when no range was left to split', () => {
    const ramp = new ConnectionRamp(1, 6, 0, 0, 1000);
    expect(ramp.tick(1000, 10_000)).toBe(true);
    ramp.declined();
    expect(ramp.tick(2000, 40_000)).toBe(false);
  });
});
