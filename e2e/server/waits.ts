import { setTimeout as sleep } from 'node:timers/promises';

/** Waits that end early when the client goes away (`gone` aborts when the response closes). */

/** Waits `ms`, or until the client goes away when `ms` is undefined. */
export async function pause(ms: number | undefined, gone: AbortSignal): Promise<void> {
  await (ms === undefined ? aborted(gone) : sleep(ms, undefined, { signal: gone }).catch(() => undefined));
}

export function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
