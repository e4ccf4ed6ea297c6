import { fileSize, type StoredSlice, storedFileHandle, storedFileSize } from '../wire/stored-file.js';
import type { BodyWriter } from './body-writer.js';
import type { RequestState } from './db.js';
import { openHandle, type SyncAccessHandle, writerOn } from './file-writer.js';
import { BodyOutgrown } from './http.js';

/** The largest response a pack takes: one read's worth, so a cut costs at most this much again. */
export const PACK_MAX_BYTES = 1024 * 1024;

/**
 * The place that holds `request`'s bytes, if one does: one taken in the request's current epoch. Every restart
 * raises the epoch, also one by a tab running an older kit, which knows nothing of places and refetches into the
 * request's `file`: a place left from before then is never taken for its bytes.
 */
export function placeOf(request: RequestState): StoredSlice | undefined {
  const { packed } = request;
  if (packed === undefined || packed.epoch !== request.epoch) return undefined;
  return { file: packed.file, start: packed.start, end: packed.end };
}

/**
 * One file that the small responses of one run of a job share, each at a place of its own (docs/architecture.md,
 * "Small responses"). A file each costs the storage more than its bytes do (creating, opening, flushing, closing and
 * removing it: docs/performance.md), so a job of many small files spent most of its time on them. A response of
 * known length up to `PACK_MAX_BYTES` gets `total` bytes reserved past every place taken so far, at its first answer;
 * a new version of it gets a new place, so two versions never share bytes. Each run has a pack of its own, created
 * once, by its first write: a pack that went (site data cleared) is never made again under its name, so a place can
 * never read as zeros where its bytes were. The file is open while a response is written into it (as a file of its
 * own would be), shared by the writers of that time. A writer's commit does not flush it: the run flushes it once
 * before each of its IndexedDB writes (`flush`), which hold the offsets of every request that committed meanwhile, so
 * what a record says is stored is on disk first, and six responses that end together cost one flush, not six (a flush
 * each took about a sixth of the download of a job of 1,000 small files: docs/performance.md).
 */
export class JobPack {
  /** The pack's access handle, open while a writer of it is. */
  private handle: Promise<SyncAccessHandle> | undefined;
  /** The same handle once open, with bytes written since its last flush (`unflushed`). */
  private opened: SyncAccessHandle | undefined;
  private unflushed = false;
  private writers = 0;
  private created = false;
  /** The pack went behind the run: the run's next small responses get files of their own. */
  private lost = false;
  /** The first byte no place holds. */
  private end = 0;
  /** The pack's file once found: `holds` asks its size in one call to storage, not four (a look-up each time). */
  private file: FileSystemFileHandle | undefined;

  constructor(readonly name: string) {}

  /** A place for a response of `total` bytes, or `undefined` when the response is not one for the pack. */
  reserve(total: number | null): StoredSlice | undefined {
    if (this.lost || total === null || total === 0 || total > PACK_MAX_BYTES) return undefined;
    const place = { file: this.name, start: this.end, end: this.end + total };
    this.end = place.end;
    return place;
  }

  /**
   * Whether the first `stored` bytes of `place` (this run's or an earlier one's) are still there. This run's pack
   * found without them went behind the run: it is not made again, and the run's next small responses get files.
   */
  async holds(place: StoredSlice, stored: number): Promise<boolean> {
    const size = place.file === this.name ? await this.size() : await storedFileSize(place.file);
    const held = size >= place.start + stored;
    if (!held && place.file === this.name) this.lost = true;
    return held;
  }

  /**
   * A writer of `place` (one of this pack's) from its stored bytes on; it refuses bytes past the place
   * (`BodyOutgrown`).
   */
  async writer(place: StoredSlice, stored: number): Promise<BodyWriter> {
    this.writers += 1;
    try {
      if (place.file !== this.name)
        throw new DOMException(
          `bgfetch: ${place.file} is an earlier run's pack: its places start over`,
          'NotFoundError',
        );
      this.handle ??= this.open();
      const handle = await this.handle;
      if (stored > 0 && handle.getSize() < place.start + stored)
        throw new DOMException(
          `bgfetch: the stored bytes at ${place.start} of ${this.name} are gone`,
          'NotFoundError',
        );
      this.opened = handle;
      const writer = writerOn(handle, place.start + stored, () => this.release());
      let at = place.start + stored;
      return {
        ...writer,
        write: (bytes) => {
          if (at + bytes.byteLength > place.end)
            throw new BodyOutgrown(
              `bgfetch: the body is longer than the ${place.end - place.start} bytes it announced`,
            );
          this.unflushed = true;
          writer.write(bytes);
          at += bytes.byteLength;
        },
        // Flushed by the run before it records the offset (`flush`).
        commit: async () => {},
      };
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** This run's pack's size, 0 when it is missing (never made, or gone behind the run). */
  private async size(): Promise<number> {
    this.file ??= await storedFileHandle(this.name);
    return this.file === undefined ? 0 : fileSize(this.file);
  }

  /** Makes every byte written into the pack so far durable: the run calls it before each write of its records. */
  flush(): void {
    if (!this.unflushed) return;
    this.opened?.flush();
    this.unflushed = false;
  }

  private async open(): Promise<SyncAccessHandle> {
    try {
      const handle = await openHandle(this.name, 0, !this.created);
      this.created = true;
      return handle;
    } catch (error) {
      if (this.created && error instanceof DOMException && error.name === 'NotFoundError') this.lost = true;
      throw error;
    }
  }

  /** A writer is done: the last one lets go of the pack, so that it can be read whole, removed or taken over. */
  private release(): void {
    this.writers -= 1;
    if (this.writers > 0) return;
    const opened = this.handle;
    this.handle = undefined;
    // Nothing to flush: a writer holds the pack until the run has recorded what it committed, and bytes written
    // past that (a write that failed) are not recorded as stored.
    this.opened = undefined;
    this.unflushed = false;
    void opened?.then(
      (handle) => handle.close(),
      () => {},
    );
  }
}
