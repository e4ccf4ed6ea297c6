import { handleBackgroundFetch, installBackgroundFetchPolyfill, storedResponse } from '@bgfetch/sw';

/**
 * The demo's service worker, built into one classic script at `/sw.js` (vite.config.ts):
 * - the kit's handlers store every download in the records cache, for both engines (native events, and the
 *   fallback's through the bridge);
 * - `/media/…` is answered from the records cache when the episode is downloaded (the kit's `storedResponse`,
 *   with `206` for the `Range` requests media elements send), so a downloaded episode plays and seeks with the
 *   network gone;
 * - the app shell is precached at install: navigations go to the network first and fall back to it, the built
 *   assets (hashed names) come from it first, so a reload works offline.
 */

// The demo's TypeScript program has the DOM lib (it cannot be mixed with the WebWorker one): the few
// service-worker types used here, declared locally.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Response | Promise<Response>): void;
}
interface DemoWorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}
const worker = self as unknown as DemoWorkerScope;

/** Set by the build: the shell's files (`/`, the assets) and a version that changes with them. */
declare const __SHELL_FILES__: string[];
declare const __SHELL_VERSION__: string;

const SHELL_CACHE_PREFIX = 'podcast-shell:';
const SHELL_CACHE = `${SHELL_CACHE_PREFIX}${__SHELL_VERSION__}`;
/** Artwork of episodes not downloaded, kept as it is seen so the list looks whole offline. */
const ARTWORK_CACHE = 'podcast-artwork';

// raw.html uses the spec's API with the page-side polyfill: the events it needs here are the same.
installBackgroundFetchPolyfill();
handleBackgroundFetch({ clickUrl: '/' });

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      await cache.addAll(__SHELL_FILES__);
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_CACHE_PREFIX) && name !== SHELL_CACHE) await caches.delete(name);
      }
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/media/')) event.respondWith(media(request));
  else if (request.mode === 'navigate') event.respondWith(page(request));
  else if (__SHELL_FILES__.includes(url.pathname)) event.respondWith(shellFile(request));
});

async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const shell = await caches.open(SHELL_CACHE);
    const cached = (await shell.match(request, { ignoreSearch: true })) ?? (await shell.match('/'));
    if (cached) return cached;
    throw error;
  }
}

async function shellFile(request: Request): Promise<Response> {
  const shell = await caches.open(SHELL_CACHE);
  return (await shell.match(request)) ?? fetch(request);
}

async function media(request: Request): Promise<Response> {
  const stored = await storedResponse(request);
  if (stored) return stored;
  if (!new URL(request.url).pathname.endsWith('.svg')) return fetch(request);
  const artwork = await caches.open(ARTWORK_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await artwork.put(request.url, response.clone());
    return response;
  } catch (error) {
    const cached = await artwork.match(request.url);
    if (cached) return cached;
    throw error;
  }
}
