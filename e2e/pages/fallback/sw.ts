import type { BackgroundFetchEvent } from '@bgfetch/core';
import { installBackgroundFetchBridge } from '@bgfetch/sw';
import { takeOverAtOnce, worker } from '../shared/worker-scope';
import {
  type BridgeEventSummary,
  SLOW_HANDLER_MS,
  SLOW_HANDLER_PREFIX,
  SW_EVENTS_CACHE,
  SW_RECORDS_CACHE,
  SW_STARTED_CACHE,
} from './api';

/**
 * The fallback page's service worker: `@bgfetch/sw`'s bridge (`installBackgroundFetchBridge`) turns each of the
 * fallback's `bgfetch:dispatch` messages into the spec's `backgroundfetchsuccess` / `fail` / `abort` event, and
 * these plain listeners — the code an app would write for the native API — summarise each event into
 * SW_EVENTS_CACHE (every record's status and stored length, read by streaming `responseReady`) and copy a success's
 * records into SW_RECORDS_CACHE, inside `waitUntil`. The bridge answers the page once `waitUntil` has settled.
 */

takeOverAtOnce();
installBackgroundFetchBridge();

let sequence = 0;

async function lengthOf(body: ReadableStream<Uint8Array> | null): Promise<number> {
  let bytes = 0;
  if (body === null) return 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}

/** A slow app handler: it notes that it began, then does other work for a while before reading the records. */
async function slowStart(id: string): Promise<void> {
  if (!id.startsWith(SLOW_HANDLER_PREFIX)) return;
  const started = await caches.open(SW_STARTED_CACHE);
  await started.put(`/__started/${(await started.keys()).length}-${id}`, new Response(id));
  await new Promise((resolve) => setTimeout(resolve, SLOW_HANDLER_MS));
}

async function summarise(event: BackgroundFetchEvent): Promise<void> {
  const { registration } = event;
  await slowStart(registration.id);
  const records: BridgeEventSummary['records'] = [];
  const matched = await registration.matchAll();
  for (const record of matched) {
    try {
      const response = await record.responseReady;
      records.push({
        url: record.request.url,
        status: response.status,
        complete: true,
        // responseReady is one Response per record: a clone is read here, the original is copied below.
        bytes: await lengthOf(response.clone().body),
      });
    } catch (error) {
      // No complete response (conformance rule 19: an incomplete record's responseReady rejects with AbortError).
      records.push({
        url: record.request.url,
        status: null,
        complete: false,
        bytes: null,
        error: error instanceof Error ? error.name : String(error),
      });
    }
  }
  if (event.type === 'backgroundfetchsuccess') {
    const target = await caches.open(SW_RECORDS_CACHE);
    for (const record of matched) await target.put(record.request, await record.responseReady);
  }
  const { id, result, failureReason } = registration;
  const summary: BridgeEventSummary & { at: number } = {
    event: event.type,
    id,
    result,
    failureReason,
    records,
    at: ++sequence + Date.now() * 1000,
  };
  await (await caches.open(SW_EVENTS_CACHE)).put(`/__events/${sequence}-${id}`, Response.json(summary));
}

for (const type of ['backgroundfetchsuccess', 'backgroundfetchfail', 'backgroundfetchabort'] as const) {
  worker.addEventListener(type, (event) => event.waitUntil(summarise(event)));
}
