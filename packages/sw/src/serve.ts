import { DEFAULT_RECORDS_CACHE } from '@bgfetch/core';
import { isIndexUrl } from '@bgfetch/core/internal';
// The parts of workbox-range-requests that read the header and bound the range: its `createPartialResponse` imports
// workbox-core's logger, which touches `self` on import (a server render of the page could not import this package).
import { calculateEffectiveBoundaries } from 'workbox-range-requests/utils/calculateEffectiveBoundaries.js';
import { parseRangeHeader } from 'workbox-range-requests/utils/parseRangeHeader.js';
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
  if (request.method !== 'GET' || asksForNetwork(request) || isIndexUrl(request.url)) return undefined;
  const cacheName = options.cacheName ?? DEFAULT_RECORDS_CACHE;
  // `open` would create the cache for a request that never finds anything in it.
  if (!(await caches.has(cacheName))) return undefined;
  // By URL alone: a stored record's `Vary` must not hide it from the media element's own headers.
  const stored = await (await caches.open(cacheName)).match(request.url);
  if (stored === undefined) return undefined;
  const range = request.headers.get('Range');
  return range === null ? stored : partialResponse(stored, range);
}

/**
 * A request whose cache mode says not to answer it from a cache: the fallback engine's own (`no-store`), which must
 * reach the server where its worker is in the service worker's scope, or a download would copy the stored version,
 * or resume a newer one onto it (docs/architecture.md, "Stored downloads").
 */
function asksForNetwork(request: Request): boolean {
  return request.cache === 'no-store' || request.cache === 'reload';
}

/**
 * The `206` slice of a stored response for a single `bytes=` range, or a `416` naming its size, as an HTTP server
 * answers (docs/architecture.md, "Stored downloads").
 */
async function partialResponse(stored: Response, range: string): Promise<Response> {
  const body = await stored.blob();
  let bounds: { start: number; end: number } | undefined;
  try {
    const { start, end } = parseRangeHeader(range);
    // workbox refuses a last byte past the end; a server cuts the range there (a suffix longer than the body is all
    // of it).
    const last =
      end === undefined ? undefined : Math.min(end, start === undefined ? body.size : body.size - 1);
    bounds = calculateEffectiveBoundaries(body, start, last);
  } catch (error) {
    // A malformed header or several ranges: workbox throws its own error (with `details`) for each. Anything else
    // (a bundle that left workbox's `process.env.NODE_ENV` checks in place) is a fault to surface, not a 416.
    if (!(error instanceof Error && 'details' in error)) throw error;
  }
  // workbox bounds a range that starts at or past the end to an empty slice: no byte of it exists.
  if (bounds === undefined || bounds.start >= Math.min(bounds.end, body.size)) {
    return new Response(null, {
      status: 416,
      statusText: 'Range Not Satisfiable',
      headers: { 'Content-Range': `bytes */${body.size}` },
    });
  }
  const end = Math.min(bounds.end, body.size);
  const headers = new Headers(stored.headers);
  headers.set('Content-Range', `bytes ${bounds.start}-${end - 1}/${body.size}`);
  headers.set('Content-Length', String(end - bounds.start));
  return new Response(body.slice(bounds.start, end), { status: 206, statusText: 'Partial Content', headers });
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
