import { fetchIndexUrl, readStoredFetch, readStoredFetches } from '../landing/fetch-index.js';

/**
 * A fetch's stored records, read and deleted through its index entry in the records cache (landing/fetch-index.ts):
 * the same from a page and from the service worker.
 */

/** The cached responses a fetch's index entry lists and the cache still holds, in request order. */
export async function storedResponses(
  cache: Cache,
  id: string,
): Promise<{ url: string; response: Response }[]> {
  const entry = await readStoredFetch(cache, id);
  if (entry === undefined) return [];
  const found = await Promise.all(entry.urls.map(async (url) => ({ url, response: await cache.match(url) })));
  return found.filter((item): item is { url: string; response: Response } => item.response !== undefined);
}

/**
 * Removes a fetch's records and its index entry; `false` when it had no entry. A URL that another fetch's entry also
 * lists stays, for that one.
 */
export async function deleteStoredRecords(cache: Cache, id: string): Promise<boolean> {
  const entry = await readStoredFetch(cache, id);
  if (entry === undefined) return false;
  const others = (await readStoredFetches(cache)).filter((other) => other.id !== id);
  const shared = new Set(others.flatMap((other) => other.urls));
  await Promise.all(entry.urls.filter((url) => !shared.has(url)).map((url) => cache.delete(url)));
  await cache.delete(fetchIndexUrl(id));
  return true;
}

/** The records cache if it exists: opening creates it, and an app whose records live elsewhere must not get one. */
export async function existingCache(cacheName: string): Promise<Cache | undefined> {
  if (globalThis.caches === undefined || !(await caches.has(cacheName))) return undefined;
  return caches.open(cacheName);
}
