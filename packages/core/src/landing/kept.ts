import { selectRegistration } from '../client/selectors.js';
import type { BackgroundFetchStore } from '../client/store.js';
import type { AcceptedResponses } from '../input/accept.js';
import type { FetchOutcomeMessage } from '../wire/outcome.js';
import { noteFetch, readStoredFetches } from './fetch-index.js';

/**
 * What the client takes from the records cache's fetch index by itself. Both steps are best effort: a page without
 * Cache Storage (a server render, an insecure context) or a cache that cannot be read loses only what they add.
 */

/**
 * On `ready`: settles every fetch the store does not know from the outcome kept in its index entry, so a download
 * that ended while no page was open (native fetches run on with every page closed), or before a reload, shows its
 * result (a stored download shows as downloaded, its records in the cache: `recordsAvailable` false).
 */
export async function applyKeptOutcomes(
  cacheName: string,
  store: BackgroundFetchStore,
  apply: (message: FetchOutcomeMessage) => void,
): Promise<void> {
  if (globalThis.caches === undefined) return;
  try {
    // `open` would create the cache: an app whose records live elsewhere must not find an empty one of ours.
    if (!(await caches.has(cacheName))) return;
    const entries = await readStoredFetches(await caches.open(cacheName));
    const state = store.getState();
    for (const { outcome } of entries)
      if (outcome !== undefined && selectRegistration(state, outcome.registration.id) === undefined)
        apply(outcome);
  } catch (error) {
    console.warn('bgfetch: the kept outcomes could not be read', error);
  }
}

/**
 * Before a fetch starts, on any engine: its title (the service worker's download UI names it so), the order of its requests
 * (its records keep it in the index; Chromium's native ones come as they finished), their `integrity` (Chromium's
 * native records lose it on the way to the service worker, and landing must check it) and its `accept` (landing
 * checks it too). A run on another engine notes them in an existing cache, so that its landing never checks an
 * earlier native run's.
 */
export async function noteFetchStart(
  cacheName: string,
  job: { id: string; requests: readonly Request[]; options: { title: string; accept?: AcceptedResponses } },
  /** Make the records cache if there is none (native); else note only in a cache that exists. */
  create: boolean,
): Promise<void> {
  if (globalThis.caches === undefined) return;
  // `open` would create the cache: an app whose fallback records land elsewhere must not find an empty one of ours.
  if (!create && !(await caches.has(cacheName).catch(() => false))) return;
  const { title, accept } = job.options;
  await noteFetch(cacheName, { id: job.id, title, requests: job.requests, accept }).catch((error: unknown) =>
    console.warn(`bgfetch: the start of "${job.id}" could not be noted`, error),
  );
}
