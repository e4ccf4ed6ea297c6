import {
  type BackgroundFetchClient,
  createBackgroundFetch,
  createDownloadsLibrary,
  createFallbackEngine,
  DEFAULT_RECORDS_CACHE,
  type DownloadsLibrary,
  isSettled,
} from '@bgfetch/core';
import { isIndexUrl } from '@bgfetch/core/internal';
import { controlledBy } from '../shared/controlled';
import type { Answer, LibraryPageApi } from './api';
import { downloadsText } from './downloads-text';

let client: BackgroundFetchClient | undefined;
let library: DownloadsLibrary | undefined;
let changes = 0;

function started(): { client: BackgroundFetchClient; library: DownloadsLibrary } {
  if (client === undefined || library === undefined) throw new Error('call library.start() first');
  return { client, library };
}

let persistCalls = 0;

/** Counts the calls, then asks the browser itself. */
function countPersistCalls() {
  const { storage } = navigator;
  const persist = storage.persist.bind(storage);
  storage.persist = () => {
    persistCalls++;
    return persist();
  };
}

async function start({ requestPersistence = false } = {}): Promise<void> {
  countPersistCalls();
  // As docs/browsers.md says to run the fallback in Chromium: no Background Fetch API in the page.
  Reflect.deleteProperty(globalThis, 'BackgroundFetchManager');
  Reflect.deleteProperty(ServiceWorkerRegistration.prototype, 'backgroundFetch');
  await controlledBy('./sw.js?native=0');
  client = createBackgroundFetch({
    engine: 'fallback',
    requestPersistence,
    serviceWorker: navigator.serviceWorker.ready,
    fallback: createFallbackEngine({
      createWorker: () =>
        new Worker(new URL('../../../packages/core/src/fallback/worker.ts', import.meta.url), {
          type: 'module',
        }),
    }),
  });
  library = createDownloadsLibrary({ client });
  library.subscribe(() => changes++);
  await client.ready;
}

async function answerOf(response: Response): Promise<Answer> {
  const body = await response.arrayBuffer();
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
  return {
    status: response.status,
    contentRange: response.headers.get('Content-Range'),
    contentLength: response.headers.get('Content-Length'),
    bytes: body.byteLength,
    sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(''),
  };
}

function seek(url: string, at: number): Promise<{ duration: number; currentTime: number }> {
  const audio = document.createElement('audio');
  document.body.append(audio);
  return new Promise((resolve, reject) => {
    audio.addEventListener('error', () =>
      reject(new Error(`media error ${audio.error?.code}: ${audio.error?.message}`)),
    );
    audio.addEventListener(
      'loadedmetadata',
      () => {
        audio.addEventListener(
          'seeked',
          () => {
            const ready = () => resolve({ duration: audio.duration, currentTime: audio.currentTime });
            if (audio.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) ready();
            else audio.addEventListener('canplay', ready, { once: true });
          },
          { once: true },
        );
        audio.currentTime = at;
      },
      { once: true },
    );
    audio.preload = 'metadata';
    audio.src = url;
  });
}

async function rangesSeen(): Promise<string[]> {
  const channel = new MessageChannel();
  const answered = new Promise<string[]>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<string[]>) => resolve(event.data);
  });
  (await navigator.serviceWorker.ready).active!.postMessage('ranges', [channel.port2]);
  return answered;
}

window.library = {
  start,
  persistCalls: () => persistCalls,
  fetch: (id, urls, title) => started().client.fetch(id, urls, { title }),
  snapshot: (id) => started().client.store.getState().registrations[id],
  fetchAgainOnceSettled: (id, urls) =>
    new Promise((resolve) => {
      const { client } = started();
      const stop = client.store.subscribe((state) => {
        const snapshot = state.registrations[id];
        if (snapshot === undefined || !isSettled(snapshot)) return;
        stop();
        client.fetch(id, urls, { title: `Title of ${id}` }).then(
          (first) => resolve({ settled: snapshot.status, again: first.status }),
          (error: unknown) => resolve({ settled: snapshot.status, again: String(error) }),
        );
      });
    }),
  list: () => started().library.list(),
  changes: () => changes,
  text: () => downloadsText(started().library),
  cacheSizes: async () => {
    const cache = await caches.open(DEFAULT_RECORDS_CACHE);
    const keys = (await cache.keys()).filter((key) => !isIndexUrl(key.url));
    const sizes = await Promise.all(keys.map(async (key) => (await (await cache.match(key))!.blob()).size));
    return Object.fromEntries(keys.map((key, index) => [key.url, sizes[index]!]));
  },
  bytesUsed: () => started().library.bytesUsed(),
  open: async (id, url) => {
    const response = await started().library.open(id, url);
    return response ? answerOf(response) : null;
  },
  remove: (id) => started().library.delete(id),
  evict: () => caches.delete(DEFAULT_RECORDS_CACHE),
  redownload: (id) => started().library.redownload(id),
  storage: () => started().library.storage(),
  requestPersistence: () => started().library.requestPersistence(),
  get: async (url, range, cache) =>
    answerOf(
      await fetch(url, { ...(range ? { headers: { Range: range } } : {}), ...(cache ? { cache } : {}) }),
    ),
  seek,
  rangesSeen,
} satisfies LibraryPageApi;
