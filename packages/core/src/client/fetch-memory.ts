import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { type RequestInput, requestFromInput, requestInputOf } from '../input/request-input.js';
import type { NormalizedFetchOptions, ValidatedFetch } from '../input/validate.js';

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
  /** Keeps (or replaces) what a fetch stored, so that its records vanishing later shows (the downloads library). */
  noteStored(note: StoredNote): Promise<void>;
  /** Every fetch noted as stored and not deleted since. */
  storedNotes(): Promise<StoredNote[]>;
  /** The fetch was deleted on purpose: its absence is no longer news. */
  forgetStored(id: string): Promise<void>;
}

/**
 * What a fetch stored, as its index entry last listed it. The index lives in the records cache and goes with it;
 * this note, in IndexedDB, is how a fetch whose cache was evicted or cleared is still known (docs/architecture.md,
 * "Stored downloads").
 */
export interface StoredNote {
  id: string;
  title?: string;
  urls: string[];
  /** When it settled (`Date.now()`). */
  settledAt: number;
}

export const FETCH_MEMORY_DB = 'bgfetch-fetches';

interface KeptFetch {
  id: string;
  options: NormalizedFetchOptions;
  requests: RequestInput[];
}

interface MemorySchema extends DBSchema {
  fetches: { key: string; value: KeptFetch };
  stored: { key: string; value: StoredNote };
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
    noteStored: (note) => kept.putNote(note),
    storedNotes: () => kept.notes(),
    forgetStored: (id) => kept.deleteNote(id),
  };
}

interface Kept {
  put(fetch: KeptFetch): Promise<void>;
  get(id: string): Promise<KeptFetch | undefined>;
  keys(): Promise<string[]>;
  putNote(note: StoredNote): Promise<void>;
  notes(): Promise<StoredNote[]>;
  deleteNote(id: string): Promise<void>;
}

function inMemory(): Kept {
  const fetches = new Map<string, KeptFetch>();
  const notes = new Map<string, StoredNote>();
  return {
    put: async (fetch) => void fetches.set(fetch.id, fetch),
    get: async (id) => fetches.get(id),
    keys: async () => [...fetches.keys()],
    putNote: async (note) => void notes.set(note.id, note),
    notes: async () => [...notes.values()],
    deleteNote: async (id) => void notes.delete(id),
  };
}

function inIndexedDb(): Kept {
  let opened: Promise<IDBPDatabase<MemorySchema>> | undefined;
  const db = () => {
    opened ??= openDB<MemorySchema>(FETCH_MEMORY_DB, 2, {
      upgrade: (database, oldVersion) => {
        if (oldVersion < 1) database.createObjectStore('fetches', { keyPath: 'id' });
        if (oldVersion < 2) database.createObjectStore('stored', { keyPath: 'id' });
      },
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
    putNote: async (note) => void (await (await db()).put('stored', note)),
    notes: async () => (await db()).getAll('stored'),
    deleteNote: async (id) => (await db()).delete('stored', id),
  };
}
