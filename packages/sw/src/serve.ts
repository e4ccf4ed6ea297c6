import { DEFAULT_RECORDS_CACHE } from '@bgfetch/core';
import { isIndexUrl } from '@bgfetch/core/internal';
import { createPartialResponse } from 'workbox-range-requests';
import type { CacheNameOption } from './fetch-index.js';
import { serviceWorkerScope } from './scope.js';

/**
 * Serving what the handlers stored: a request for a stored record's URL is answered from the records cache, a
 * `Range` request with the `206` slice (or `416`) that media elements need to seek, so a downloaded file plays and
 * opens with the network gone.
 */

export interface ServeStoredFetchesOptions extends CacheNameOption {
  /** Which `GET` requests it may answer; default every one. The others it leaves to the next `fetch` listener. */
  match?: (request: Request) => boolean;
}

/**
 * The stored record for a `GET` request's URL, or `undefined` when the records cache has none. With a `Range`
 * header: a `206` with those bytes, or a `416` for a range the record cannot satisfy (workbox-range-requests).
 */
export async function storedResponse(
  request: Request,
  options: CacheNameOption = {},
): Promise<Response | undefined> {
  if (request.method !== 'GET' || isIndexUrl(request.url)) return undefined;
  const cacheName = options.cacheName ?? DEFAULT_RECORDS_CACHE;
  // `open` would create the cache for a request that never finds anything in it.
  if (!(await caches.has(cacheName))) return undefined;
  // By URL alone: a stored record's `Vary` must not hide it from the media element's own headers.
  const stored = await (await caches.open(cacheName)).match(request.url);
  if (stored === undefined) return undefined;
  if (!request.headers.has('Range')) return stored;
  const partial = await createPartialResponse(request, stored);
  // workbox-range-requests answers a range that starts past the end with an empty 206; no byte of it exists, so
  // it is not satisfiable (docs/architecture.md, "Stored downloads").
  return partial.status === 206 && partial.headers.get('Content-Length') === '0'
    ? new Response(null, { status: 416, statusText: 'Range Not Satisfiable' })
    : partial;
}

/**
 * Adds a `fetch` listener that answers every matching `GET` request from the records cache (`storedResponse`) and
 * sends the rest to the network. Call it after your own `fetch` listeners: one that calls `respondWith` first ends
 * the event there. Returns a function that removes the listener.
 */
export function serveStoredFetches(options: ServeStoredFetchesOptions = {}): () => void {
  const scope = serviceWorkerScope();
  const listener = (event: FetchEvent) => {
    const { request } = event;
    if (request.method !== 'GET' || (options.match && !options.match(request))) return;
    event.respondWith((async () => (await storedResponse(request, options)) ?? fetch(request))());
  };
  scope.addEventListener('fetch', listener);
  return () => scope.removeEventListener('fetch', listener);
}
