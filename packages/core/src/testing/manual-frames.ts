import type { FrameScheduler } from '../client/frame-scheduler.js';

/** A frame scheduler a test advances by hand: `frame()` runs what waits for the next frame. */
export function manualFrames() {
  let waiting: (() => void)[] = [];
  const schedule: FrameScheduler = (callback) => {
    waiting.push(callback);
    return () => {
      waiting = waiting.filter((other) => other !== callback);
    };
  };
  return {
    schedule,
    get pending() {
      return waiting.length;
    },
    frame() {
      const due = waiting;
      waiting = [];
      for (const callback of due) callback();
    },
  };
}
