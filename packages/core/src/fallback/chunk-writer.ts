import type { BodyWriter } from './body-writer.js';
import { guardedWrite } from './guarded-write.js';

/**
 * Writes a request's bytes as chunks in Cache Storage: what arrives between two commits is held (at most about one
 * `chunkSize`) and put as one entry at the commit; `keyOf(n)` names chunk `n`, `stored` lists the stored chunks'
 * keys (the request's `chunkKeys`, appended to). Each put is guarded (guarded-write.ts): full storage is a
 * `QuotaExceededError` however the engine shows it, even by a put that never settles, and the job's end (`signal`)
 * stops waiting at once.
 */
export function chunkWriter(
  chunks: Cache,
  stored: string[],
  keyOf: (n: number) => string,
  signal: AbortSignal,
): BodyWriter {
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  return {
    copies: false,
    write(bytes) {
      parts.push(bytes);
      size += bytes.byteLength;
    },
    async commit() {
      if (size === 0) return;
      const key = keyOf(stored.length);
      await guardedWrite(chunks.put(key, new Response(new Blob(parts))), {
        bytes: size,
        signal,
        undo: () => chunks.delete(key),
      });
      stored.push(key);
      parts = [];
      size = 0;
    },
    close() {
      parts = [];
      size = 0;
    },
  };
}
