/** Runs a callback once, soon; returns a function that cancels it. */
export type FrameScheduler = (callback: () => void) => () => void;

/** One frame at 60 Hz: the pace of writes where there are no animation frames (workers, Node). */
const FRAME_MS = 16;

/**
 * How long a write may wait for a frame: hidden tabs get no animation frames, but code that follows the store
 * (a title bar, a log, a test) still needs to see progress.
 */
const HIDDEN_PAGE_DELAY_MS = 250;

/** The next animation frame where there is one (a page), raced by a timer for hidden tabs; else a timer. */
export const nextFrame: FrameScheduler = (callback) => {
  const requestFrame = globalThis.requestAnimationFrame;
  if (requestFrame === undefined) {
    const timer = setTimeout(callback, FRAME_MS);
    return () => clearTimeout(timer);
  }
  const cancel = () => {
    clearTimeout(timer);
    globalThis.cancelAnimationFrame(frame);
  };
  const run = () => {
    cancel();
    callback();
  };
  const timer = setTimeout(run, HIDDEN_PAGE_DELAY_MS);
  const frame = requestFrame(run);
  return cancel;
};
