import { createDownloadsLibrary, DEFAULT_RECORDS_CACHE } from '@bgfetch/core';
import {
  type BackgroundFetchOutcome,
  readStoredFetch,
  readStoredFetches,
  type StoredFetch,
  storedResponses,
} from '@bgfetch/core/internal';

/**
 * Page and service worker helpers over the fetch index core's landing keeps in the records cache (one entry per
 * fetch, under `FETCH_INDEX_PATH`: the URLs of its stored records in request order, and its latest outcome). Core's
 * `createDownloadsLibrary()` is the app-facing view of the same index.
 */

export interface CacheNameOption {
  /** Default `DEFAULT_RECORDS_CACHE` (`'bgfetch:records'`). */
  cacheName?: string;
}

async function openRecordsCache(options: CacheNameOption): Promise<Cache> {
  return caches.open(options.cacheName ?? DEFAULT_RECORDS_CACHE);
}

/** A fetch's index entry (its stored URLs and outcome), or `undefined` if the handlers stored nothing for it. */
export async function getStoredFetch(
  id: string,
  options: CacheNameOption = {},
): Promise<StoredFetch | undefined> {
  return readStoredFetch(await openRecordsCache(options), id);
}

/**
 * The cached responses of a fetch, by its id, in request order: the records the handlers stored and that are still
 * in the cache. Works in the service worker and in pages.
 */
export async function getFetchResponses(
  id: string,
  options: CacheNameOption = {},
): Promise<{ url: string; response: Response }[]> {
  return storedResponses(await openRecordsCache(options), id);
}

/** Every settled outcome kept in the records cache, e.g. to settle a page's store after it reopens. */
export async function getStoredOutcomes(options: CacheNameOption = {}): Promise<BackgroundFetchOutcome[]> {
  const entries = await readStoredFetches(await openRecordsCache(options));
  return entries.flatMap((entry) => (entry.outcome ? [entry.outcome] : []));
}

/**
 * Removes a fetch's stored responses and its index entry, as `createDownloadsLibrary().delete(id)` does; `false` when
 * there was none. A URL that another stored fetch also lists is kept for that one.
 */
export async function deleteStoredFetch(id: string, options: CacheNameOption = {}): Promise<boolean> {
  return createDownloadsLibrary(options).delete(id);
}
