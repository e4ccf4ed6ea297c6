import { storedFileSize } from '../wire/stored-file.js';
import { FALLBACK_CHUNK_CACHE } from '../wire/stored-record.js';
import type { BodyWriter } from './body-writer.js';
import { chunkWriter } from './chunk-writer.js';
import type { RequestState } from './db.js';
import { openFileWriter } from './file-writer.js';

/**
 * Where one request's response bytes are kept while its job runs: a file, or chunks in Cache Storage
 * (body-writer.ts says why there are two). Chosen when the job starts (`RequestState.file`) and kept for the
 * request's life, so the code that streams a response never asks which one it has.
 */
export interface RequestStore {
  /**
   * The chunk cache (its upload's body is there, and chunk records), opened anew for each use: a cache deleted
   * meanwhile (site data cleared) must be seen as gone, and WebKit's handle of a deleted cache still lists its entries.
   */
  chunks(): Promise<Cache>;
  /** Whether every byte `request.offset` counts as stored is still there (site data may be partly cleared). */
  intact(request: RequestState): Promise<boolean>;
  /** A writer that appends at `request.offset`; `signal` is the job's end (a stuck chunk put stops with it). */
  openWriter(request: RequestState, signal: AbortSignal): Promise<BodyWriter>;
  /**
   * Removes bytes of an earlier version (`stale`: the chunk keys the request had before it restarted from zero).
   * A file needs nothing: the next writer cuts it to the new offset.
   */
  discard(stale: readonly string[]): Promise<void>;
}

/** The store of `request`; `chunkKeyOf(n)` names its chunk `n` in the request's current epoch. */
export function requestStore(request: RequestState, chunkKeyOf: (n: number) => string): RequestStore {
  const chunks = () => caches.open(FALLBACK_CHUNK_CACHE);
  const discard = async (stale: readonly string[]) => {
    const cache = await chunks();
    await Promise.all(stale.map((key) => cache.delete(key)));
  };
  const { file } = request;
  if (file !== undefined) {
    return {
      chunks,
      intact: async ({ offset }) => (await storedFileSize(file)) >= offset,
      openWriter: async ({ offset }) => openFileWriter(file, offset),
      discard,
    };
  }
  return {
    chunks,
    intact: async ({ chunkKeys }) => {
      const cache = await chunks();
      // Each of its own chunks, not a listing of the whole cache (every request's chunks of every job): the check
      // costs what the request stored, however many requests there are.
      const found = await Promise.all(chunkKeys.map((key) => cache.keys(key)));
      return found.every((keys) => keys.length > 0);
    },
    // Appends to `chunkKeys` itself: IndexedDB gets the keys with the next persisted offset.
    openWriter: async ({ chunkKeys }, signal) => chunkWriter(await chunks(), chunkKeys, chunkKeyOf, signal),
    discard,
  };
}
