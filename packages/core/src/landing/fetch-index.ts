import { guardedWrite } from '../fallback/guarded-write.js';
import { type AcceptedResponses, validateAccept } from '../input/accept.js';
import { type BackgroundFetchOutcome, isFetchOutcome } from './outcome.js';

/**
 * Which cached responses belong to which fetch. Each fetch whose records were landed has one index entry in the
 * records cache itself, under `<origin>/__bgfetch/fetches/<encoded id>`: a small JSON response listing the URLs of
 * its stored records and, once settled, its outcome. Keeping it in the same cache means it is found from a page or
 * the service worker with nothing but Cache Storage, and goes away with the cache.
 */
export const FETCH_INDEX_PATH = '/__bgfetch/fetches/';

/** One fetch's index entry. */
export interface StoredFetch {
  id: string;
  /** URLs of its records in the cache (the cache keys, `GET`), in the order of its requests. */
  urls: string[];
  /**
   * The URLs of its latest run's requests, in their order, as the page that started it wrote them (Chromium's
   * native records come in the order they finished): the order `urls` keeps.
   */
  requests?: string[];
  /**
   * The `integrity` of its latest run's requests, by URL, as the page that started it gave them: Chromium hands the
   * service worker native records whose requests have lost it.
   */
  integrity?: Record<string, string>;
  /** Its latest run's `accept` option, as the page that started it gave it: landing refuses answers it does not accept. */
  accept?: AcceptedResponses;
  /** Its title, as the page that started it gave it (the download UI's name for it). */
  title?: string;
  /** Its latest outcome; absent while its records are being landed. */
  outcome?: BackgroundFetchOutcome;
  /**
   * `true` while the records it lists are exactly those of a run that succeeded: set by a success's outcome, cleared
   * when a later run stores any record (they then mix two runs). A later run that fails having stored nothing
   * leaves it: the good copy is still whole.
   */
  whole?: true;
}

/** The index entry's key for a fetch id, on this origin (a page's or the service worker's). */
export function fetchIndexUrl(id: string, origin: string = globalThis.location.origin): string {
  return new URL(`${FETCH_INDEX_PATH}${encodeURIComponent(id)}`, origin).href;
}

export function isIndexUrl(url: string): boolean {
  return new URL(url).pathname.startsWith(FETCH_INDEX_PATH);
}

export async function readStoredFetch(cache: Cache, id: string): Promise<StoredFetch | undefined> {
  return parseStoredFetch(await (await cache.match(fetchIndexUrl(id)))?.json());
}

/** Rejects with a `QuotaExceededError` when the storage is full, also where the engine's `put` would hang (WebKit). */
export async function writeStoredFetch(cache: Cache, entry: StoredFetch): Promise<void> {
  const json = JSON.stringify(entry);
  const response = new Response(json, { headers: { 'Content-Type': 'application/json' } });
  await guardedWrite(cache.put(fetchIndexUrl(entry.id), response), {
    bytes: json.length,
    undo: async () => {},
  });
}

/** Every index entry of the cache. */
export async function readStoredFetches(cache: Cache): Promise<StoredFetch[]> {
  const keys = (await cache.keys()).filter((request) => isIndexUrl(request.url));
  const entries = await Promise.all(
    keys.map(async (key) => parseStoredFetch(await (await cache.match(key))?.json())),
  );
  return entries.filter((entry) => entry !== undefined);
}

/**
 * Keeps the fetch's latest outcome in its index entry (the records it lists stay as they are); a success marks
 * them `whole`.
 */
export async function writeOutcome(cache: Cache, outcome: BackgroundFetchOutcome): Promise<void> {
  const { id, result } = outcome.registration;
  const entry = (await readStoredFetch(cache, id)) ?? { id, urls: [] };
  await writeStoredFetch(cache, { ...entry, outcome, ...(result === 'success' ? { whole: true } : {}) });
}

/**
 * Notes a fetch's title and the order of its requests in its index entry before it runs, keeping what the entry
 * lists (its earlier records stay stored and listed until a verified one replaces them).
 */
export async function noteFetch(
  cacheName: string,
  note: { id: string; title: string; requests: readonly Request[]; accept?: AcceptedResponses | undefined },
): Promise<void> {
  const cache = await caches.open(cacheName);
  const { id, title, requests, accept } = note;
  // The latest run's checks replace the earlier run's.
  const { integrity: _, accept: __, ...entry } = (await readStoredFetch(cache, id)) ?? { id, urls: [] };
  const integrity = Object.fromEntries(
    requests.filter((request) => request.integrity).map((request) => [request.url, request.integrity]),
  );
  await writeStoredFetch(cache, {
    ...entry,
    requests: requests.map((request) => request.url),
    ...(Object.keys(integrity).length > 0 ? { integrity } : {}),
    ...(accept === undefined ? {} : { accept }),
    ...(title ? { title } : {}),
  });
}

function parseStoredFetch(value: unknown): StoredFetch | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, urls, requests, integrity, accept, title, outcome, whole } = value as Partial<StoredFetch>;
  if (typeof id !== 'string' || !Array.isArray(urls)) return undefined;
  return {
    id,
    urls,
    ...(Array.isArray(requests) ? { requests } : {}),
    ...(typeof title === 'string' ? { title } : {}),
    ...(typeof integrity === 'object' && integrity !== null ? { integrity } : {}),
    ...(isFetchOutcome(outcome) ? { outcome } : {}),
    ...(whole === true ? { whole } : {}),
    ...acceptIn(accept),
  };
}

/** An entry's `accept`, if it is one (any code on the origin may have written the cache). */
function acceptIn(value: unknown): { accept?: AcceptedResponses } {
  try {
    const accept = validateAccept(value);
    return accept === undefined ? {} : { accept };
  } catch {
    return {};
  }
}
