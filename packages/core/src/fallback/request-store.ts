import { readStoredSlice, storedFileSize } from '../wire/stored-file.js';
import { FALLBACK_CHUNK_CACHE } from '../wire/stored-record.js';
import type { BodyWriter } from './body-writer.js';
import { chunkWriter } from './chunk-writer.js';
import type { RangeState, RequestState } from './db.js';
import { openFileWriter, openPositionalFile } from './file-writer.js';
import { type JobPack, placeOf } from './job-pack.js';
import { rangeChunkKeys, rangePosition, storedEnd } from './ranges.js';

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
  /**
   * Whether every byte `request.offset` counts as stored is still there (site data may be partly cleared), and, for
   * a response not stored whole, can be continued: a place in an earlier run's pack cannot (only its own run writes
   * a pack), and its response starts over.
   */
  intact(request: RequestState): Promise<boolean>;
  /**
   * Called at a first answer of `total` bytes fetched whole: puts a small response in the run's pack
   * (`request.packed`), where the job has one; its bytes then go there.
   */
  place(request: RequestState, total: number | null): void;
  /**
   * The `length` stored bytes that end at position `at`, where the stored bytes of the response end, or those of
   * `range` (seams.ts). Reads only those: a file's are read at `at` (whichever range holds them), chunks from the
   * last of the response's, or of `range`'s.
   */
  storedBefore(request: RequestState, at: number, length: number, range?: RangeState): Promise<Uint8Array>;
  /** A writer that appends at `request.offset`; `signal` is the job's end (a stuck chunk put stops with it). */
  openWriter(request: RequestState, signal: AbortSignal): Promise<BodyWriter>;
  /** Writers for the ranges of a request fetched over several connections (ranges.ts), each at its position. */
  openRanges(request: RequestState, signal: AbortSignal): Promise<RangeWriters>;
  /**
   * Removes bytes of an earlier version (`stale`: the chunk keys the request had before it restarted from zero).
   * A file needs nothing: the next writer cuts it to the new offset.
   */
  discard(stale: readonly string[]): Promise<void>;
}

/** The writers of a request's ranges while they are fetched; `close` lets go of the storage (a file's handle). */
export interface RangeWriters {
  /** A writer from the range's first byte not stored yet on; appends its chunks (if any) to the range's keys. */
  writerOf(range: RangeState): BodyWriter;
  close(): void;
}

/**
 * The store of `request`; `chunkKeyOf(n)` names its chunk `n` in the request's current epoch, and `pack` is the
 * run's pack (used where the bytes are files).
 */
export function requestStore(
  request: RequestState,
  chunkKeyOf: (n: number | string) => string,
  pack: JobPack,
): RequestStore {
  const chunks = () => caches.open(FALLBACK_CHUNK_CACHE);
  const discard = async (stale: readonly string[]) => {
    const cache = await chunks();
    await Promise.all(stale.map((key) => cache.delete(key)));
  };
  const { file } = request;
  if (file !== undefined) {
    return {
      chunks,
      intact: async (request) => {
        const place = placeOf(request);
        if (place === undefined) return (await storedFileSize(file)) >= storedEnd(request);
        const whole = request.offset === place.end - place.start;
        if (!whole && place.file !== pack.name) return false;
        return pack.holds(place, request.offset);
      },
      storedBefore: (request, at, length) => {
        const place = placeOf(request);
        const end = (place?.start ?? 0) + at;
        return readStoredSlice({ file: place?.file ?? file, start: end - length, end });
      },
      place(request, total) {
        const place = pack.reserve(total);
        if (place !== undefined) request.packed = { ...place, epoch: request.epoch };
      },
      openWriter: async (request) => {
        const place = placeOf(request);
        return place === undefined
          ? openFileWriter(file, request.offset)
          : pack.writer(place, request.offset);
      },
      openRanges: async (request) => {
        const opened = await openPositionalFile(file, storedEnd(request), request.total ?? 0);
        return { writerOf: (range) => opened.writerFrom(rangePosition(range)), close: () => opened.close() };
      },
      discard,
    };
  }
  return {
    chunks,
    intact: async ({ chunkKeys, ranges = [] }) => {
      const cache = await chunks();
      // Each of its own chunks, not a listing of the whole cache (every request's chunks of every job): the check
      // costs what the request stored, however many requests there are.
      const keys = [...chunkKeys, ...rangeChunkKeys(ranges)];
      const found = await Promise.all(keys.map((key) => cache.keys(key)));
      return found.every((each) => each.length > 0);
    },
    place: () => {},
    storedBefore: async (request, _at, length, range) => {
      const cache = await chunks();
      const keys = range?.chunkKeys ?? request.chunkKeys;
      const pieces: Blob[] = [];
      let left = length;
      for (let index = keys.length - 1; index >= 0 && left > 0; index--) {
        const chunk = await (await cache.match(keys[index]!))?.blob();
        if (chunk === undefined)
          throw new DOMException(`bgfetch: chunk ${keys[index]} is gone`, 'NotFoundError');
        const piece = chunk.slice(Math.max(0, chunk.size - left));
        pieces.unshift(piece);
        left -= piece.size;
      }
      return new Uint8Array(await new Blob(pieces).arrayBuffer());
    },
    // Appends to `chunkKeys` itself: IndexedDB gets the keys with the next persisted offset.
    openWriter: async ({ chunkKeys }, signal) => chunkWriter(await chunks(), chunkKeys, chunkKeyOf, signal),
    openRanges: async (_request, signal) => {
      const cache = await chunks();
      return {
        // Named by the position of the chunk's first byte: a range's chunks never share a key with another's.
        writerOf: (range) =>
          chunkWriter(cache, range.chunkKeys, () => chunkKeyOf(`at${rangePosition(range)}`), signal),
        close: () => {},
      };
    },
    discard,
  };
}
