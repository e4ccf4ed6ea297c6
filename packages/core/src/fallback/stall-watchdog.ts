/** Why an attempt was stopped by its watchdog: no bytes for too long, a transient failure. */
export class Stall extends Error {
  override name = 'StallError';
}

/** Watches one attempt's network reads. */
export interface StallWatchdog {
  /** The answer's headers came: from now on the body's bytes are waited for, `stallTimeoutMs` at a time. */
  answered(): void;
  /** The attempt starts (`true`) or stops (`false`) waiting for bytes from the network. */
  waiting(now: boolean): void;
  stop(): void;
}

/**
 * Aborts `controller` with a `Stall` when the server gives no answer for `headerTimeoutMs` (it starts waiting for
 * the headers at once), then when the body gives no byte for `stallTimeoutMs`. Only time spent waiting on the
 * network counts: a slow commit in a busy browser is not a stall.
 */
export function stallWatchdog(
  controller: AbortController,
  stallTimeoutMs: number,
  headerTimeoutMs: number,
): StallWatchdog {
  let since = Date.now();
  let waiting = true;
  let limit = headerTimeoutMs;
  let what = 'no answer';
  const timer = setInterval(
    () => {
      if (waiting && Date.now() - since >= limit) controller.abort(new Stall(`${what} for ${limit} ms`));
    },
    Math.max(10, Math.min(1000, stallTimeoutMs / 4)),
  );
  const watchdog: StallWatchdog = {
    answered: () => {
      limit = stallTimeoutMs;
      what = 'no bytes';
      watchdog.waiting(false);
    },
    waiting: (now: boolean) => {
      waiting = now;
      since = Date.now();
    },
    stop: () => clearInterval(timer),
  };
  return watchdog;
}
