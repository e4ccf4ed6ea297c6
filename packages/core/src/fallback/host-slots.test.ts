import { describe, expect, it } from 'vitest';
import { HostSlots } from './host-slots.js';

const A = 'http://a.test';
const B = 'http://b.test';

describe('HostSlots', () => {
  it('lets `limit` requests per origin run, queues the rest in order, and hands a freed slot to the next', async () => {
    const slots = new HostSlots();
    const never = new AbortController().signal;
    const first = await slots.acquire(A, 2, never);
    const second = await slots.acquire(A, 2, never);
    const order: number[] = [];
    const third = slots.acquire(A, 2, never).then((release) => {
      order.push(3);
      return release;
    });
    const fourth = slots.acquire(A, 2, never).then((release) => {
      order.push(4);
      return release;
    });
    // Another origin has slots of its own.
    const other = await slots.acquire(B, 2, never);
    expect(slots.load(A)).toEqual({ running: 2, waiting: 2 });
    first();
    first();
    (await third)();
    expect(order).toEqual([3]);
    second();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(slots.load(A)).toEqual({ running: 0, waiting: 0 });
    other();
    expect(slots.load(B)).toEqual({ running: 0, waiting: 0 });
  });

  it('drops a waiter whose signal aborts, with its reason, and never gives it a slot', async () => {
    const slots = new HostSlots();
    const release = await slots.acquire(A, 1, new AbortController().signal);
    const controller = new AbortController();
    const dropped = expect(slots.acquire(A, 1, controller.signal)).rejects.toThrow('paused');
    controller.abort(new Error('paused'));
    await dropped;
    expect(slots.load(A)).toEqual({ running: 1, waiting: 0 });
    release();
    expect(slots.load(A)).toEqual({ running: 0, waiting: 0 });
    await expect(slots.acquire(A, 1, controller.signal)).rejects.toThrow('paused');
  });
});
