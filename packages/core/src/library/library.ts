import type { BackgroundFetchClient } from '../client/client.js';
import { openFetchMemory } from '../client/fetch-memory.js';
import type { RegistrationSnapshot } from '../client/snapshot.js';
import { validateId } from '../input/validate.js';
import { DEFAULT_RECORDS_CACHE } from '../wire/stored-record.js';
import { readDownloads } from './catalogue.js';
import { bytesUsed, type StoredDownload } from './download-state.js';
import { readStorageState, requestPersistence, type StorageState } from './persistence.js';
import { watchSettled } from './settled-watch.js';
import { deleteStoredRecords, existingCache, storedResponses } from './stored-records.js';

export interface DownloadsLibraryOptions {
  /** The records cache the service worker's handlers (or the fallback) store into; default `DEFAULT_RECORDS_CACHE`. */
  cacheName?: string;
  /**
   * The client whose `retry` `redownload` uses and whose settling fetches `subscribe` reports; without one (in a
   * service worker) `redownload` rejects.
   */
  client?: Pick<BackgroundFetchClient, 'retry' | 'store'>;
}

/** The downloads a user keeps: list, open, delete, get back what vanished, and the origin's storage. */
export interface DownloadsLibrary {
  /** Every stored download, newest first, with its bytes on disk and its state. */
  list(): Promise<StoredDownload[]>;
  /** A stored record of the download as a `Response` (the one for `url`, else its first); `undefined` if none. */
  open(id: string, url?: string): Promise<Response | undefined>;
  /**
   * Deletes the download's records and its index entry (a URL another stored download lists stays) and forgets it
   * was stored; `false` when there was nothing of it.
   */
  delete(id: string): Promise<boolean>;
  /** Bytes the stored records take in the cache, each URL counted once. */
  bytesUsed(): Promise<number>;
  /**
   * Starts the download again with the requests it was first started with (`client.retry(id)`), e.g. one that is
   * `missing`; rejects `NotSupportedError` without a client or for a fetch never started on this origin.
   */
  redownload(id: string): Promise<RegistrationSnapshot>;
  /** Persisted or not, usage and quota, as the browser tells them now. */
  storage(): Promise<StorageState>;
  /** `navigator.storage.persist()`; `true` when the origin's storage is persisted. */
  requestPersistence(): Promise<boolean>;
  /**
   * Calls `listener` whenever the list or the storage may have changed: a fetch of the client's settled, this
   * library deleted one, or it asked for persistence. Returns the unsubscribe. (Another tab's changes are seen on the next `list()`.)
   */
  subscribe(listener: () => void): () => void;
}

export function createDownloadsLibrary(options: DownloadsLibraryOptions = {}): DownloadsLibrary {
  const cacheName = options.cacheName ?? DEFAULT_RECORDS_CACHE;
  const memory = openFetchMemory();
  const listeners = new Set<() => void>();
  return {
    list: async () => (await readDownloads(cacheName, memory)).downloads,

    async open(id, url) {
      validateId(id);
      const cache = await existingCache(cacheName);
      const found = cache ? await storedResponses(cache, id) : [];
      return (url === undefined ? found[0] : found.find((item) => item.url === new URL(url, base()).href))
        ?.response;
    },

    async delete(id) {
      validateId(id);
      const cache = await existingCache(cacheName);
      const stored = cache ? await deleteStoredRecords(cache, id) : false;
      const noted = (await memory.storedNotes()).some((note) => note.id === id);
      await memory.forgetStored(id);
      for (const listener of [...listeners]) listener();
      return stored || noted;
    },

    bytesUsed: async () => bytesUsed((await readDownloads(cacheName, memory)).sizes),

    async redownload(id) {
      validateId(id);
      if (options.client === undefined) {
        throw new DOMException(
          'bgfetch: redownload needs a client: createDownloadsLibrary({ client })',
          'NotSupportedError',
        );
      }
      return options.client.retry(id);
    },

    storage: () => readStorageState(),

    async requestPersistence() {
      const persisted = await requestPersistence();
      for (const listener of [...listeners]) listener();
      return persisted;
    },

    subscribe(listener) {
      listeners.add(listener);
      const stopWatching = options.client && watchSettled(options.client.store, () => listener());
      return () => {
        listeners.delete(listener);
        stopWatching?.();
      };
    },
  };
}

/** Relative URLs resolve against the page's (or the service worker's) location. */
function base(): string | undefined {
  return globalThis.location?.href;
}
