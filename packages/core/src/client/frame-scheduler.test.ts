import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextFrame } from './frame-scheduler.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A page's animation frames, advanced by hand (Node has none). */
function stubFrames() {
  const frames = new Map<number, FrameRequestCallback>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (handle: number) => frames.delete(handle));
  return {
    frame() {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback(0);
    },
  };
}

describe('nextFrame', () => {
  it('without animation frames (workers, Node), runs after a frame-long timer', () => {
    vi.useFakeTimers();
    const callback = vi.fn();
    nextFrame(callback);
    vi.advanceTimersByTime(15);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledOnce();
  });

  it('in a page, runs on the next animation frame, once', () => {
    vi.useFakeTimers();
    const frames = stubFrames();
    const callback = vi.fn();
    nextFrame(callback);
    frames.frame();
    vi.advanceTimersByTime(1000);
    expect(callback).toHaveBeenCalledOnce();
  });

  it('in a hidden page (no frames come), runs after 250 ms anyway, once', () => {
    vi.useFakeTimers();
    const frames = stubFrames();
    const callback = vi.fn();
    nextFrame(callback);
    vi.advanceTimersByTime(250);
    frames.frame();
    expect(callback).toHaveBeenCalledOnce();
  });

  it('can be cancelled', () => {
    vi.useFakeTimers();
    const frames = stubFrames();
    const callback = vi.fn();
    nextFrame(callback)();
    frames.frame();
    vi.advanceTimersByTime(1000);
    expect(callback).not.toHaveBeenCalled();
  });
});
