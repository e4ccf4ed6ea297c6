import { describe, expect, it } from 'vitest';
import { ChangeSignal } from './change-signal.js';

describe('ChangeSignal', () => {
  it('wakes every waiter of the current change once, and arms a new one', async () => {
    const signal = new ChangeSignal();
    const first = signal.next();
    expect(signal.next()).toBe(first);
    signal.notify();
    await first;
    const second = signal.next();
    expect(second).not.toBe(first);
    let woke = false;
    void second.then(() => {
      woke = true;
    });
    await Promise.resolve();
    expect(woke).toBe(false);
    signal.notify();
    await second;
    expect(woke).toBe(true);
  });
});
