import type { BackgroundFetchEvent, BackgroundFetchUpdateUIEvent } from '@bgfetch/core';
import { installBackgroundFetchPolyfill } from '@bgfetch/sw';
import { type ExtendableMessageEvent, takeOverAtOnce, worker } from '../shared/worker-scope';
import {
  LATE_UI,
  modeFrom,
  SW_EVENTS_CACHE,
  type SwEventReport,
  type SwLookup,
  type SwLookupRequest,
} from './api';
import { fieldsOf, outcomeOf, summariseAll } from './records';

/**
 * The conformance page's service worker: plain listeners for the three events, as an app would write them for the
 * native API. Each reads every record inside `waitUntil` (status, bytes, SHA-256, Content-Range), calls `updateUI()`
 * twice where the event has it, then — once the event is no longer active — tries `updateUI()` again, waits for
 * `recordsAvailable` to turn false and tries `matchAll()`, and stores what it saw in SW_EVENTS_CACHE for the page.
 *
 * `?hold=1`: a worker that never finishes installing (a registration with no active worker, conformance rule 1).
 */

const params = new URL(location.href).searchParams;
const mode = modeFrom(location.search);

if (params.has('hold')) {
  worker.addEventListener('install', (event) => event.waitUntil(new Promise(() => {})));
} else {
  takeOverAtOnce();
}

const installed = mode === 'polyfill' ? installBackgroundFetchPolyfill().installed : null;

const ICONS = [{ src: '/media/conformance.svg', sizes: '96x96', type: 'image/svg+xml' }];

let sequence = 0;

/** Polls what the browser updates on its own schedule (Chromium flips recordsAvailable over IPC). */
async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
}

function observe(event: BackgroundFetchEvent | BackgroundFetchUpdateUIEvent): void {
  const { registration } = event;
  const at = Date.now() * 1000 + (++sequence % 1000);
  const withUI = 'updateUI' in event && typeof event.updateUI === 'function' ? event : undefined;
  const report: Partial<SwEventReport> = {
    type: event.type,
    installed,
    fields: fieldsOf(registration),
    hasUpdateUI: withUI !== undefined,
    recordsAvailableDuring: registration.recordsAvailable,
    at,
  };
  const handler = (async () => {
    report.records = await summariseAll(await registration.matchAll(), true);
    if (withUI !== undefined && !registration.id.startsWith(LATE_UI)) {
      report.updateUI = [
        await outcomeOf(() => withUI.updateUI({ title: `${registration.id} done`, icons: ICONS })),
        await outcomeOf(() => withUI.updateUI({ title: 'again' })),
      ];
    }
  })();
  event.waitUntil(handler);
  void handler.finally(async () => {
    // The handler's promise was the event's only one: a task later, the event is no longer active.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (withUI !== undefined) report.lateUpdateUI = await outcomeOf(() => withUI.updateUI({ title: 'late' }));
    await until(() => !registration.recordsAvailable);
    report.recordsAvailableAfter = registration.recordsAvailable;
    report.matchAllAfter = await outcomeOf(() => registration.matchAll());
    const cache = await caches.open(SW_EVENTS_CACHE);
    await cache.put(`/__conformance/events/${at}`, Response.json(report));
  });
}

for (const type of ['backgroundfetchsuccess', 'backgroundfetchfail', 'backgroundfetchabort'] as const) {
  worker.addEventListener(type, observe);
}

/** The page asks what this worker's own `registration.backgroundFetch` shows (the spec exposes it here too). */
worker.addEventListener('message', (event: ExtendableMessageEvent) => {
  const request = event.data as SwLookupRequest;
  const port = event.ports[0];
  if (request?.type !== 'conformance:lookup' || port === undefined) return;
  const manager = worker.registration.backgroundFetch;
  event.waitUntil(
    (async () => {
      const found = await manager.get(request.id);
      const answer: SwLookup = {
        ids: await manager.getIds(),
        found: found ? fieldsOf(found) : null,
        aborted: request.abort && found ? await found.abort() : null,
        fetch: await outcomeOf(() => manager.fetch(`${request.id}-from-sw`, ['/media/conformance.svg'])),
      };
      port.postMessage(answer);
    })(),
  );
});
