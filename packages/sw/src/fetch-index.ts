import { DEFAULT_RECORDS_CACHE, isFetchOutcomeMessage } from '@bgfetch/core';
import type { BackgroundFetchOutcome } from './outcome.js';

/**
 * Which cached responses belong to which fetch. Each fetch the handlers stored has one index entry in the records
 * cache itself, under `<origin>/__bgfetch/fetches/<encoded id>`: a small JSON response listing the URLs of its
 * stored records and, once settled, its outcome. Keeping it in the same cache means it is found from a page or the
 * service worker with nothing but Cache Storage, and goes away with the cache.
 */
export const FETCH_INDEX_PATH = '/__bgfetch/fetches/';

/** One fetch's index entry. */
export interface StoredFetch {
  id: string;
  /** URLs of the records it stored (the cache keys, `GET`). */
  urls: string[];
  /** Its latest outcome; absent while the handler is still at work. */
  outcome?: BackgroundFetchOutcome;
}

export interface CacheNameOption {
  /** Default `DEFAULT_RECORDS_CACHE` (`'bgfetch:records'`). */
  cacheName?: string;
}

/** The index entry's key for a fetch id, on this origin (a page's or the service worker's). */
export function fetchIndexUrl(id: string, origin: string = globalThis.location.origin): string {
  return new URL(`${FETCH_INDEX_PATH}${encodeURIComponent(id)}`, origin).href;
}

function isIndexUrl(url: string): boolean {
  return new URL(url).pathname.startsWith(FETCH_INDEX_PATH);
}

export async function readStoredFetch(cache: Cache, id: string): Promise<StoredFetch | undefined> {
  const response = await cache.match(fetchIndexUrl(id));
  return response ? parseStoredFetch(await response.json()) : undefined;
}

export async function writeStoredFetch(cache: Cache, entry: StoredFetch): Promise<void> {
  await cache.put(
    fetchIndexUrl(entry.id),
    new Response(JSON.stringify(entry), { headers: { 'Content-Type': 'application/json' } }),
  );
}

function parseStoredFetch(value: unknown): StoredFetch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, urls, outcome } = value as Partial<StoredFetch>;
  if (typeof id !== 'string' || !Array.isArray(urls)) return undefined;
  return { id, urls, ...(isFetchOutcomeMessage(outcome) ? { outcome } : {}) };
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
  const cache = await openRecordsCache(options);
  const entry = await readStoredFetch(cache, id);
  if (entry === undefined) return [];
  const found = await Promise.all(entry.urls.map(async (url) => ({ url, response: await cache.match(url) })));
  return found.filter((item): item is { url: string; response: Response } => item.response !== undefined);
}

/** Every settled outcome kept in the records cache, e.g. to settle a page's store after it reopens. */
export async function getStoredOutcomes(options: CacheNameOption = {}): Promise<BackgroundFetchOutcome[]> {
  const cache = await openRecordsCache(options);
  const keys = (await cache.keys()).filter((request) => isIndexUrl(request.url));
  const entries = await Promise.all(
    keys.map(async (key) => parseStoredFetch(await (await cache.match(key))?.json())),
  );
  return entries.flatMap((entry) => (entry?.outcome ? [entry.outcome] : []));
}

/**
 * Removes a fetch's stored responses and its index entry; `false` when there was none. A URL that another stored
 * fetch also lists is kept for that one.
 */
export async function deleteStoredFetch(id: string, options: CacheNameOption = {}): Promise<boolean> {
  const cache = await openRecordsCache(options);
  const entry = await readStoredFetch(cache, id);
  if (entry === undefined) return false;
  const others = (await cache.keys()).filter(
    (request) => isIndexUrl(request.url) && request.url !== fetchIndexUrl(id),
  );
  const shared = new Set<string>();
  for (const key of others) {
    const other = parseStoredFetch(await (await cache.match(key))?.json());
    for (const url of other?.urls ?? []) shared.add(url);
  }
  await Promise.all(entry.urls.filter((url) => !shared.has(url)).map((url) => cache.delete(url)));
  await cache.delete(fetchIndexUrl(id));
  return true;
}
