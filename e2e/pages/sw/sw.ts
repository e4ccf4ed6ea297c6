import type { BackgroundFetchServiceWorkerEventMap, BackgroundFetchUpdateUIEvent } from '@bgfetch/core';
import { handleBackgroundFetch, updateUI } from '@bgfetch/sw';
import { PROBE_CACHE, type ProbeResult, probeKey } from './api';
import { setUpTestWorker } from './worker-scope';

/**
 * The test service worker: the kit's handlers with their defaults, plus a probe for `probe-…` fetches that stops
 * the kit's handlers and checks the event's rules (updateUI once and while active, recordsAvailable afterwards),
 * keeping what it saw in PROBE_CACHE for the page.
 */

// The raw events are typed from core's event map (the e2e program has the DOM lib, not the webworker one).
interface BackgroundFetchScope {
  addEventListener<K extends keyof BackgroundFetchServiceWorkerEventMap>(
    type: K,
    listener: (event: BackgroundFetchServiceWorkerEventMap[K]) => void,
  ): void;
}
const worker = self as unknown as BackgroundFetchScope;

setUpTestWorker();

/** `'ok'` or the name of the error. */
async function settledAs(work: () => unknown): Promise<{ name: string; message?: string }> {
  try {
    await work();
    return { name: 'ok' };
  } catch (error) {
    return error instanceof Error ? { name: error.name, message: error.message } : { name: String(error) };
  }
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Polls a condition the browser updates on its own schedule (Chromium flips recordsAvailable over IPC). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

function probe(event: BackgroundFetchUpdateUIEvent) {
  const { registration } = event;
  if (!registration.id.startsWith('probe-')) return;
  // Registered before handleBackgroundFetch(): the kit's handler does not see this event.
  event.stopImmediatePropagation();
  const twice = registration.id.startsWith('probe-twice');
  const result: Partial<ProbeResult> = { type: event.type };
  const during = (async () => {
    result.records = (await registration.matchAll()).length;
    result.availableDuring = registration.recordsAvailable;
    if (twice) {
      result.firstUpdateUI = (await settledAs(() => updateUI(event, { title: 'first' }))).name;
      result.secondUpdateUIGuarded = (await settledAs(() => updateUI(event, { title: 'second' }))).name;
      result.secondUpdateUIRaw = (await settledAs(() => event.updateUI({ title: 'second' }))).name;
    }
  })();
  event.waitUntil(during);
  void during.finally(async () => {
    // Our promise was the event's only one: a task later, the event is no longer active.
    await nextTask();
    if (!twice) {
      result.lateUpdateUIRaw = (await settledAs(() => event.updateUI({ title: 'late' }))).name;
      const guarded = await settledAs(() => updateUI(event, { title: 'late' }));
      result.lateUpdateUIGuarded = guarded.name;
      result.lateUpdateUIMessage = guarded.message;
    }
    result.lateWaitUntil = (await settledAs(() => event.waitUntil(Promise.resolve()))).name;
    await until(() => !registration.recordsAvailable);
    result.availableAfter = registration.recordsAvailable;
    result.matchAllAfter = (await settledAs(() => registration.matchAll())).name;
    const cache = await caches.open(PROBE_CACHE);
    await cache.put(probeKey(registration.id), Response.json(result));
  });
}

worker.addEventListener('backgroundfetchsuccess', probe);
worker.addEventListener('backgroundfetchfail', probe);

handleBackgroundFetch();
