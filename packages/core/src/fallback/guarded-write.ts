import { checkQuota, type StorageEstimator } from '../input/check-quota.js';
import { isQuotaError } from './storage-full.js';

/** A write that has taken no bytes for this long gets the origin's estimate checked (then again as often). */
export const STUCK_WRITE_MS = 2000;

export interface GuardedWriteOptions {
  /** At most this many bytes are still to be stored by the write (what must fit). */
  bytes: number;
  /** Ends the wait at once with the signal's reason (the job is over): the write is given up on. */
  signal?: AbortSignal;
  /** Removes what a given-up write stored, should it land after all: a failed job leaves no bytes. */
  undo: () => Promise<unknown>;
  /** Default: `navigator.storage.estimate`, where there is one (without it, only a rejection can say "full"). */
  estimate?: StorageEstimator;
}

/**
 * Waits for a storage write (a `cache.put`), and turns "the storage is full" into a `QuotaExceededError` however the
 * engine shows it (see storage-full.ts): a rejection named so in any engine's way, any other rejection or a write
 * stuck for `STUCK_WRITE_MS` while the estimate says the bytes cannot fit. A write that is slow while there is room
 * is waited for as long as it takes. Other rejections pass through unchanged.
 */
export function guardedWrite(write: Promise<unknown>, options: GuardedWriteOptions): Promise<void> {
  const { bytes, signal, undo } = options;
  // The same test as `fetch()`'s up-front one (conformance rule 5): do `bytes` more fit the estimate's free space?
  const full = () =>
    checkQuota(bytes, options.estimate).then(
      () => false,
      (error: unknown) => isQuotaError(error),
    );
  return new Promise<void>((resolve, reject) => {
    let over = false;
    let asking = false;
    const end = (settle: () => void) => {
      if (over) return;
      over = true;
      clearInterval(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => end(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort);
    if (signal?.aborted) onAbort();
    write.then(
      () => {
        if (over) undo().catch(() => {});
        else end(resolve);
      },
      async (error: unknown) => {
        const quota = isQuotaError(error) || (!over && (await full()));
        end(() => reject(quota ? quotaExceeded(bytes) : error));
      },
    );
    // A write that has not settled in `STUCK_WRITE_MS` is stuck or slow, and the estimate tells which (asked again as
    // often while it stays so); a write whose source is slow asks for little (`bytes`), so only "full" fails it.
    const timer = setInterval(async () => {
      if (asking) return;
      asking = true;
      if (await full()) end(() => reject(quotaExceeded(bytes)));
      asking = false;
    }, STUCK_WRITE_MS);
  });
}

function quotaExceeded(bytes: number): DOMException {
  return new DOMException(
    `bgfetch: the origin's storage is full (${bytes} more bytes do not fit)`,
    'QuotaExceededError',
  );
}
