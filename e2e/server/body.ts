import type { ServerResponse } from 'node:http';
import type { ResponseTally } from './scope';
import { aborted, pause } from './waits';

/**
 * Writes a response body, honouring backpressure, with the body-level faults: throttle, cut and stall. Every wait
 * ends early when the client goes away (`gone`), so nothing lingers after a test.
 */

export interface BodyFaults {
  /** Bytes per second. */
  throttle?: number | undefined;
  cutAfter?: number | undefined;
  /** Asked when the body reaches `cutAfter`: `false` leaves it whole (another response of the scope was cut). */
  mayCut?: () => boolean;
  stallAt?: number | undefined;
  /** Undefined: stall until the client goes away. */
  stallMs?: number | undefined;
  onCut?: () => void;
}

/** A throttled body goes out in pieces of about this many seconds' worth, so the rate is smooth, not bursty. */
const THROTTLE_PIECE_SECONDS = 0.05;

export async function sendBody(
  res: ServerResponse,
  pieces: Iterable<Buffer>,
  faults: BodyFaults,
  tally: ResponseTally,
  gone: AbortSignal,
): Promise<void> {
  const pace = faults.throttle === undefined ? undefined : pacer(faults.throttle, gone);
  let stalled = false;
  let { cutAfter } = faults;
  for (const piece of pieces) {
    let rest = piece;
    while (rest.length > 0) {
      if (tally.bytesSent === cutAfter) {
        if (faults.mayCut?.() ?? true) return cut(res, faults, tally, gone);
        cutAfter = undefined;
      }
      if (tally.bytesSent === faults.stallAt && !stalled) {
        stalled = true;
        await pause(faults.stallMs, gone);
      }
      let length = Math.min(
        rest.length,
        bytesUntil(cutAfter, tally),
        bytesUntil(stalled ? undefined : faults.stallAt, tally),
      );
      if (pace) length = await pace(length);
      if (gone.aborted) return;
      const writable = res.write(rest.subarray(0, length));
      tally.bytesSent += length;
      tally.sends.push([Date.now(), length]);
      rest = rest.subarray(length);
      if (!writable) await drained(res, gone);
    }
  }
  res.end();
}

function bytesUntil(mark: number | undefined, tally: ResponseTally): number {
  return mark === undefined || mark < tally.bytesSent ? Number.POSITIVE_INFINITY : mark - tally.bytesSent;
}

/**
 * Returns a function that, given how many bytes are ready, waits until a piece of them may go and says how many.
 * Each piece waits for its own share of time after the previous one, so N bytes take at least N / rate seconds;
 * time lost elsewhere (a stall, a slow reader) is not made up in a burst.
 */
function pacer(bytesPerSecond: number, gone: AbortSignal): (ready: number) => Promise<number> {
  const pieceSize = Math.max(1, Math.floor(bytesPerSecond * THROTTLE_PIECE_SECONDS));
  let clock = Date.now();
  return async (ready) => {
    const length = Math.min(ready, pieceSize);
    const due = clock + (length * 1000) / bytesPerSecond;
    await pause(Math.max(0, due - Date.now()), gone);
    clock = Math.max(due, Date.now());
    return length;
  };
}

/** Resolves on 'drain' or when the client goes away, and leaves no listener behind (it runs once per piece). */
function drained(res: ServerResponse, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (gone.aborted) return resolve();
    const done = () => {
      res.off('drain', done);
      gone.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done);
    gone.addEventListener('abort', done, { once: true });
  });
}

/** Closes the connection mid-body: what was written still reaches the client, then it sees the connection end. */
async function cut(
  res: ServerResponse,
  faults: BodyFaults,
  tally: ResponseTally,
  gone: AbortSignal,
): Promise<void> {
  tally.incomplete = true;
  faults.onCut?.();
  const socket = res.socket;
  if (!socket) return;
  // `headersSent` is already true after writeHead, though nothing went out yet: a cut at 0 must send the head.
  if (tally.bytesSent === 0) res.flushHeaders();
  await Promise.race([new Promise<void>((resolve) => socket.end(resolve)), aborted(gone)]);
  socket.destroy();
}
