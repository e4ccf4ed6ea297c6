/**
 * Where a running request's bytes go as they arrive, and when they become durable. The runner writes what it reads
 * and commits every `chunkSize` bytes and when an attempt fails, then records the new offset in IndexedDB: a crash
 * loses at most what was written since the last commit. Two places, chosen per request when its job starts (and kept for its life):
 * - a file of the origin private file system, written through a sync access handle (file-writer.ts): one write of
 *   each byte, and the finished record is the file itself (`cache.put` copies it without script). Measured in
 *   Chromium here, 512 MiB: 1.06–1.67× the single `fetch` → `cache.put`, memory +5 MiB for 1 GiB (root README). A
 *   small response gets a place in a file the job's small responses share instead (job-pack.ts);
 * - chunks in Cache Storage (chunk-writer.ts), where a worker cannot write files (WebKitGTK, private modes): each
 *   byte is written twice, once as a chunk and again into the record.
 */
export interface BodyWriter {
  /** The writer has copied the bytes when `write` returns, so a read may reuse its buffer. */
  readonly copies: boolean;
  /** Appends `bytes`; throws a `QuotaExceededError` when the storage is full. */
  write(bytes: Uint8Array<ArrayBuffer>): void;
  /**
   * Makes every byte written so far durable, or leaves that to the run's next write of the request's record, which
   * comes before any record says they are stored (the job's pack, job-pack.ts).
   */
  commit(): Promise<void>;
  /** Lets go of the storage (a file's one access handle); what was not committed may be lost. */
  close(): void;
}
