/** Why an attempt was stopped by its watchdog: no bytes for too long, a transient failure. */
export class Stall extends Error {
  override name = 'StallError';
}

/** Watches one attempt's network reads. */
export interface StallWatchdog {
  /** The attempt starts (`true`) or stops (`false`) waiting for bytes from the network. */
  waiting(now: boolean): void;
  stop(): void;
}

/**
 * Aborts `controller` with a `Stall` when the network gives no byte for `stallTimeoutMs`. Only time spent waiting on
 * the network counts: a slow commit in a busy browser is not a stall. Starts waiting (for the answer's headers).
 */
export function stallWatchdog(controller: AbortController, stallTimeoutMs: number): StallWatchdog {
  let since = Date.now();
  let waiting = true;
  const timer = setInterval(
    () => {
      if (waiting && Date.now() - since >= stallTimeoutMs) {
        controller.abort(new Stall(`no bytes for ${stallTimeoutMs} ms`));
      }
    },
    Math.max(10, Math.min(1000, stallTimeoutMs / 4)),
  );
  return {
    waiting: (now: boolean) => {
      waiting = now;
      since = Date.now();
    },
    stop: () => clearInterval(timer),
  };
}
