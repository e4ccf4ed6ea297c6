import { describe, expect, it } from 'vitest';
import type { FetchPriority } from '../client/priority.js';
import { type QueueEntry, queuePlaces } from './queue-order.js';

const entry = (
  id: string,
  seq: number,
  priority: FetchPriority = 'normal',
  admitted = false,
): QueueEntry => ({
  id,
  seq,
  priority,
  admitted,
});

describe('queuePlaces', () => {
  it('admits up to the limit in order of arrival and lines up the rest', () => {
    const places = queuePlaces(
      [entry('c', 3), entry('a', 1), entry('e', 5), entry('b', 2), entry('d', 4)],
      2,
    );
    expect(Object.fromEntries(places)).toEqual({ a: 0, b: 0, c: 1, d: 2, e: 3 });
  });

  it('keeps admitted jobs downloading and fills only the free places', () => {
    const places = queuePlaces([entry('a', 1, 'low', true), entry('b', 2), entry('c', 3)], 2);
    expect(Object.fromEntries(places)).toEqual({ a: 0, b: 0, c: 1 });
  });

  it('puts a high job first in line without stopping the ones that run', () => {
    const places = queuePlaces(
      [entry('a', 1, 'normal', true), entry('b', 2, 'normal', true), entry('c', 3), entry('d', 4, 'high')],
      2,
    );
    expect(Object.fromEntries(places)).toEqual({ a: 0, b: 0, d: 1, c: 2 });
  });

  it('serves high, then normal, then low; first come first served within each', () => {
    const places = queuePlaces(
      [entry('l1', 1, 'low'), entry('n1', 2), entry('h1', 3, 'high'), entry('n2', 4), entry('h2', 5, 'high')],
      1,
    );
    expect(Object.fromEntries(places)).toEqual({ h1: 0, h2: 1, n1: 2, n2: 3, l1: 4 });
  });

  it('never admits more than the limit, even with more already admitted', () => {
    const places = queuePlaces(
      [entry('a', 1, 'normal', true), entry('b', 2, 'normal', true), entry('c', 3)],
      1,
    );
    expect(Object.fromEntries(places)).toEqual({ a: 0, b: 0, c: 1 });
  });

  it('breaks a tie of arrival by id, so every tab computes the same order', () => {
    expect(Object.fromEntries(queuePlaces([entry('b', 1), entry('a', 1)], 1))).toEqual({ a: 0, b: 1 });
  });
});
