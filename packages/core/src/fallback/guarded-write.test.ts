import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { guardedWrite, STUCK_WRITE_MS } from './guarded-write.js';

const MiB = 1024 * 1024;
const room = async () => ({ quota: 1000 * MiB, usage: 10 * MiB });
// WebKit once its quota was reached: quota and usage 5 MiB each.
const full = async () => ({ quota: 5 * MiB, usage: 5 * MiB });

/** A write that settles when the test says so. */
function pendingWrite() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const write = new Promise<void>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { write, resolve, reject };
}

describe('guardedWrite', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits out a slow write while there is room', async () => {
    const { write, resolve } = pendingWrite();
    const estimate = vi.fn(room);
    const guarded = guardedWrite(write, { bytes: 8 * MiB, undo: vi.fn(), estimate });
    await vi.advanceTimersByTimeAsync(10 * STUCK_WRITE_MS);
    expect(estimate).toHaveBeenCalled();
    resolve();
    await expect(guarded).resolves.toBeUndefined();
  });

  it('gives up a stuck write when the bytes cannot fit, and undoes it should it land later', async () => {
    const { write, resolve } = pendingWrite();
    const undo = vi.fn(async () => true);
    const guarded = guardedWrite(write, { bytes: 8 * MiB, undo, estimate: full });
    const outcome = expect(guarded).rejects.toMatchObject({ name: 'QuotaExceededError' });
    await vi.advanceTimersByTimeAsync(2 * STUCK_WRITE_MS);
    await outcome;
    expect(undo).not.toHaveBeenCalled();
    resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(undo).toHaveBeenCalledOnce();
  });

  it('never asks about a write that settles within STUCK_WRITE_MS', async () => {
    const { write, resolve } = pendingWrite();
    const estimate = vi.fn(full);
    const guarded = guardedWrite(write, { bytes: 8 * MiB, undo: vi.fn(), estimate });
    await vi.advanceTimersByTimeAsync(STUCK_WRITE_MS - 1);
    resolve();
    await expect(guarded).resolves.toBeUndefined();
    await vi.advanceTimersByTimeAsync(10 * STUCK_WRITE_MS);
    expect(estimate).not.toHaveBeenCalled();
  });

  it("turns each engine's quota rejection, or any rejection while full, into QuotaExceededError", async () => {
    const firefox = pendingWrite();
    const one = guardedWrite(firefox.write, { bytes: MiB, undo: vi.fn(), estimate: room });
    firefox.reject({ name: 'NS_ERROR_FILE_NO_DEVICE_SPACE', message: '' });
    await expect(one).rejects.toMatchObject({ name: 'QuotaExceededError' });

    const other = pendingWrite();
    const two = guardedWrite(other.write, { bytes: MiB, undo: vi.fn(), estimate: full });
    other.reject(new DOMException('disk', 'UnknownError'));
    await expect(two).rejects.toMatchObject({ name: 'QuotaExceededError' });
  });

  it('passes other rejections through while there is room, and ends at once on abort', async () => {
    const failing = pendingWrite();
    const error = new DOMException('disk', 'UnknownError');
    const one = guardedWrite(failing.write, { bytes: MiB, undo: vi.fn(), estimate: room });
    failing.reject(error);
    await expect(one).rejects.toBe(error);

    const controller = new AbortController();
    const hanging = pendingWrite();
    const undo = vi.fn(async () => true);
    const two = guardedWrite(hanging.write, { bytes: MiB, undo, signal: controller.signal, estimate: room });
    const reason = new Error('the job is over');
    controller.abort(reason);
    await expect(two).rejects.toBe(reason);
    hanging.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(undo).toHaveBeenCalledOnce();
  });
});
