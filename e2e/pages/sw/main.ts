import {
  type BackgroundFetchClient,
  type BackgroundFetchFailureReason,
  createBackgroundFetch,
  createFallbackEngine,
  DEFAULT_RECORDS_CACHE,
  type RegistrationSnapshot,
} from '@bgfetch/core';
import {
  type BridgeDispatchAnswer,
  type BridgeDispatchDone,
  type BridgeDispatchMessage,
  FALLBACK_CHUNK_CACHE,
  isFetchOutcomeMessage,
  OUTCOME_CHANNEL_NAME,
  type StoredRecord,
} from '@bgfetch/core/internal';
import { type BackgroundFetchOutcome, getFetchResponses, getStoredFetch } from '@bgfetch/sw';
import { controlledBy } from '../shared/controlled';
import { type BridgeJob, PROBE_CACHE, type ProbeResult, probeKey, type SwKitApi } from './api';

const KiB = 1024;
let client: BackgroundFetchClient | undefined;
/** Every snapshot the store held of each fetch, oldest first. */
const histories = new Map<string, RegistrationSnapshot[]>();
const told: ReturnType<SwKitApi['told']> = [];

// Listen from the first moment: an outcome may arrive while start() is still waiting for control.
navigator.serviceWorker.addEventListener('message', (event: MessageEvent<unknown>) => {
  if (isFetchOutcomeMessage(event.data)) {
    told.push({ via: 'postMessage', outcome: event.data as BackgroundFetchOutcome });
  }
});
new BroadcastChannel(OUTCOME_CHANNEL_NAME).onmessage = (event: MessageEvent<unknown>) => {
  if (isFetchOutcomeMessage(event.data))
    told.push({ via: 'channel', outcome: event.data as BackgroundFetchOutcome });
};

function started(): BackgroundFetchClient {
  if (client === undefined) throw new Error('call swKit.start() first');
  return client;
}

/** As docs/browsers.md says to run the fallback in Chromium: no Background Fetch API in the page. */
function removeNativeApi() {
  Reflect.deleteProperty(globalThis, 'BackgroundFetchManager');
  Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch');
}

async function start({ removeNative = false, fallbackEngine = false } = {}): Promise<void> {
  if (removeNative) removeNativeApi();
  await controlledBy(removeNative ? './sw.js?native=0' : './sw.js');
  // Native forced where it runs (no silent fall-back); without it, core's fallback engine when asked, else the client
  // is only the store the outcomes settle.
  client = createBackgroundFetch({
    engine: removeNative ? 'fallback' : 'native',
    serviceWorker: navigator.serviceWorker.ready,
    ...(fallbackEngine
      ? {
          fallback: createFallbackEngine({
            chunkSize: 256 * KiB,
            createWorker: () =>
              new Worker(new URL('../../../packages/core/src/fallback/worker.ts', import.meta.url), {
                type: 'module',
              }),
          }),
        }
      : {}),
  });
  client.store.subscribe(({ registrations }) => {
    for (const snapshot of Object.values(registrations)) {
      const history = histories.get(snapshot.id) ?? [];
      if (history.at(-1) !== snapshot) history.push(snapshot);
      histories.set(snapshot.id, history);
    }
  });
  await client.ready;
}

async function hexDigest(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What the fallback engine would do with a finished job: chunks in FALLBACK_CHUNK_CACHE, then the bridge. */
async function dispatch({
  event,
  id,
  files,
  wait = true,
}: BridgeJob): Promise<BridgeDispatchDone | undefined> {
  const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
  const token = Math.random().toString(16).slice(2);
  const keys: string[] = [];
  const records: StoredRecord[] = [];
  let downloaded = 0;
  let failureReason: BackgroundFetchFailureReason = '';
  for (const [index, file] of files.entries()) {
    const url = new URL(file.url, location.href).href;
    const request = {
      url,
      method: 'GET',
      headers: [],
      bodyChunkKeys: [],
      ...(file.integrity ? { integrity: file.integrity } : {}),
    };
    if (file.noResponse) {
      records.push({ request });
      failureReason ||= 'fetch-error';
      continue;
    }
    const response = await fetch(url);
    const body = new Uint8Array(await response.arrayBuffer());
    const size = file.chunkSize ?? 256 * KiB;
    const chunkKeys: string[] = [];
    for (let offset = 0, n = 0; offset < body.length; offset += size, n++) {
      if (file.keepChunks !== undefined && n >= file.keepChunks) break;
      const key = `${location.origin}/__bgfetch/chunks/${encodeURIComponent(id)}/${token}/${index}/0/${n}`;
      const chunk = body.slice(offset, offset + size);
      await chunks.put(key, new Response(chunk));
      chunkKeys.push(key);
      downloaded += chunk.length;
    }
    keys.push(...chunkKeys);
    if (!response.ok) failureReason ||= 'bad-status';
    records.push({
      request,
      response: {
        url,
        status: response.status,
        statusText: response.statusText,
        headers: [...response.headers],
        chunkKeys,
        complete: file.keepChunks === undefined || file.claimComplete === true,
      },
    });
  }
  if (event === 'backgroundfetchabort') failureReason = 'aborted';
  const result = event === 'backgroundfetchsuccess' ? 'success' : 'failure';
  const now = Date.now();
  const message: BridgeDispatchMessage = {
    type: 'bgfetch:dispatch',
    event,
    registration: {
      id,
      uploadTotal: 0,
      uploaded: 0,
      downloadTotal: 0,
      downloaded,
      result,
      failureReason: result === 'success' ? '' : failureReason,
      recordsAvailable: true,
      engine: 'fallback',
      status: result === 'success' ? 'success' : failureReason === 'aborted' ? 'aborted' : 'failure',
      title: id,
      requests: [],
      startedAt: now,
      updatedAt: now,
    },
    records,
    token,
    leaseMs: 10_000,
  };
  const channel = new MessageChannel();
  // The bridge claims the run first (and again while its handlers work), then says it is done.
  const answered = new Promise<BridgeDispatchDone>((resolve) => {
    channel.port1.onmessage = (reply: MessageEvent<BridgeDispatchAnswer>) => {
      if (reply.data.type === 'bgfetch:dispatched') resolve(reply.data);
    };
  });
  (await navigator.serviceWorker.ready).active!.postMessage(message, [channel.port2]);
  if (!wait) return undefined;
  const done = await answered;
  // As the fallback does once the handlers are done (recordsAvailable false): its chunks go.
  await Promise.all(keys.map((key) => chunks.delete(key)));
  return done;
}

window.swKit = {
  start,
  fetch: (id, requests, options) =>
    started().fetch(
      id,
      requests.map((request) =>
        typeof request === 'string' ? request : new Request(request.url, { integrity: request.integrity }),
      ),
      options,
    ),
  abort: (id) => started().abort(id),
  snapshot: (id) => started().store.getState().registrations[id],
  history: (id) => histories.get(id) ?? [],
  told: () => told,
  dispatch,
  cached: async (url) => {
    const response = await (await caches.open(DEFAULT_RECORDS_CACHE)).match(url);
    if (response === undefined) return null;
    const body = await response.arrayBuffer();
    return { bytes: body.byteLength, sha256: await hexDigest(body) };
  },
  storedFetch: (id) => getStoredFetch(id),
  fetchResponses: async (id) => (await getFetchResponses(id)).map((found) => found.url),
  chunkKeys: async () => (await (await caches.open(FALLBACK_CHUNK_CACHE)).keys()).map((key) => key.url),
  probe: async (id) => {
    const response = await (await caches.open(PROBE_CACHE)).match(probeKey(id));
    return response ? ((await response.json()) as ProbeResult) : undefined;
  },
} satisfies SwKitApi;
