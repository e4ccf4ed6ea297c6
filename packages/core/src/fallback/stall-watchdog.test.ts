import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Stall, stallWatchdog } from './stall-watchdog.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stallWatchdog', () => {
  it('waits headerTimeoutMs for the answer, then stallTimeoutMs for each byte', () => {
    const controller = new AbortController();
    const watchdog = stallWatchdog(controller, 1000, 5000);
    vi.advanceTimersByTime(4000);
    expect(controller.signal.aborted).toBe(false);
    watchdog.answered();
    watchdog.waiting(true);
    vi.advanceTimersByTime(900);
    expect(controller.signal.aborted).toBe(false);
    vi.advanceTimersByTime(400);
    expect(controller.signal.reason).toBeInstanceOf(Stall);
    expect(String(controller.signal.reason)).toContain('no bytes for 1000 ms');
    watchdog.stop();
  });
  it('gives up on an answer that does not come within headerTimeoutMs', () => {
    const controller = new AbortController();
    const watchdog = stallWatchdog(controller, 1000, 5000);
    vi.advanceTimersByTime(5300);
    expect(String(controller.signal.reason)).toContain('no answer for 5000 ms');
    watchdog.stop();
  });
  it('does not count time spent not waiting on the network (a slow commit)', () => {
    const controller = new AbortController();
    const watchdog = stallWatchdog(controller, 1000, 5000);
    watchdog.answered();
    vi.advanceTimersByTime(10_000);
    expect(controller.signal.aborted).toBe(false);
    watchdog.stop();
  });
});
