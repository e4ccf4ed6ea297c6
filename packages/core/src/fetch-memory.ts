import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type RequestInput, requestFromInput, requestInputOf } from './request-input.js';
import type { NormalizedFetchOptions, ValidatedFetch } from './validate.js';

/**
 * The requests and options every fetch of this origin was started with, so that `client.retry(id)` starts the same
 * fetch again — headers, bodies and `integrity` included, which no snapshot holds — also after a reload or in
 * another tab. One record per id (the latest start), in its own IndexedDB database so that the fallback's schema
 * stays its own. Where there is no IndexedDB (a server render, a test without one) it is kept in memory instead.
 */
export interface FetchMemory {
  /** Keeps `job` under its id, replacing the earlier start of that id. */
  remember(job: ValidatedFetch): Promise<void>;
  /** The fetch as it was started, with fresh `Request`s; `undefined` for an id never started here. */
  recall(id: string): Promise<ValidatedFetch | undefined>;
  /** Every id `recall` knows. */
  ids(): Promise<string[]>;
}

export const FETCH_MEMORY_DB = 'bgfetch-fetches';

interface KeptFetch {
  id: string;
  options: NormalizedFetchOptions;
  requests: RequestInput[];
}

interface MemorySchema extends DBSchema {
  fetches: { key: string; value: KeptFetch };
}

export function openFetchMemory(): FetchMemory {
  const kept = globalThis.indexedDB === undefined ? inMemory() : inIndexedDb();
  return {
    // The requests are read at the call, before an engine consumes their bodies.
    remember: async ({ id, options, requests }) =>
      kept.put({
        id,
        options,
        requests: await Promise.all(requests.map((request) => requestInputOf(request.clone()))),
      }),
    recall: async (id) => {
      const fetch = await kept.get(id);
      return fetch && { id, options: fetch.options, requests: fetch.requests.map(requestFromInput) };
    },
    ids: () => kept.keys(),
  };
}

interface Kept {
  put(fetch: KeptFetch): Promise<void>;
  get(id: string): Promise<KeptFetch | undefined>;
  keys(): Promise<string[]>;
}

function inMemory(): Kept {
  const fetches = new Map<string, KeptFetch>();
  return {
    put: async (fetch) => void fetches.set(fetch.id, fetch),
    get: async (id) => fetches.get(id),
    keys: async () => [...fetches.keys()],
  };
}

function inIndexedDb(): Kept {
  let opened: Promise<IDBPDatabase<MemorySchema>> | undefined;
  const db = () => {
    opened ??= openDB<MemorySchema>(FETCH_MEMORY_DB, 1, {
      upgrade: (database) => void database.createObjectStore('fetches', { keyPath: 'id' }),
      // A newer version in another tab: let it upgrade, open again on the next call.
      blocking: () => {
        void opened?.then((database) => database.close());
        opened = undefined;
      },
    });
    return opened;
  };
  return {
    put: async (fetch) => void (await (await db()).put('fetches', fetch)),
    get: async (id) => (await db()).get('fetches', id),
    keys: async () => (await db()).getAllKeys('fetches'),
  };
}
