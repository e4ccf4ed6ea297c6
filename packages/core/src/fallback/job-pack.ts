import type { StoredSlice } from '../wire/stored-file.js';
import type { BodyWriter } from './body-writer.js';
import type { RequestState } from './db.js';
import { openHandle, type SyncAccessHandle, writerOn } from './file-writer.js';

/** The largest response a pack takes: one read's worth, so a cut costs at most this much again. */
export const PACK_MAX_BYTES = 1024 * 1024;

/**
 * One file that a job's small responses share, each at a place of its own (docs/architecture.md, "Small
 * responses"). A file each costs the storage more than its bytes do (creating, opening, flushing, closing and
 * removing it: docs/performance.md), so a job of many small files spent most of its time on them. A response of
 * known length up to `PACK_MAX_BYTES` gets `total` bytes reserved past every place taken so far, at its first answer;
 * a new version of it gets a new place, so two versions never share bytes, and a place is never reused within a
 * job. The file is open while a response is written into it (as a file of its own would be), shared by the writers
 * of that time, each of which commits by flushing it.
 */
export class JobPack {
  /** The pack's access handle, open while a writer of it is. */
  private handle: Promise<SyncAccessHandle> | undefined;
  private writers = 0;
  /** The first byte no place holds: past every place a request of the job has recorded. */
  private end: number;

  constructor(
    private readonly name: string,
    requests: readonly RequestState[],
  ) {
    this.end = requests.reduce((end, request) => Math.max(end, request.packed?.end ?? 0), 0);
  }

  /** A place for a response of `total` bytes, or `undefined` when the response is not one for the pack. */
  reserve(total: number | null): StoredSlice | undefined {
    if (total === null || total === 0 || total > PACK_MAX_BYTES) return undefined;
    const place = { file: this.name, start: this.end, end: this.end + total };
    this.end = place.end;
    return place;
  }

  /** A writer of `place` from its stored bytes on. */
  async writer(place: StoredSlice, stored: number): Promise<BodyWriter> {
    this.writers += 1;
    try {
      this.handle ??= openHandle(this.name, 0);
      const handle = await this.handle;
      // A pack made again after site data was cleared does not hold the place's stored bytes: never zeros before it.
      if (stored > 0 && handle.getSize() < place.start + stored)
        throw new DOMException(
          `bgfetch: the stored bytes at ${place.start} of ${this.name} are gone`,
          'NotFoundError',
        );
      return writerOn(handle, place.start + stored, () => this.release());
    } catch (error) {
      this.release();
      throw error;
    }
  }

  /** A writer is done: the last one lets go of the pack, so that it can be read whole, removed or taken over. */
  private release(): void {
    this.writers -= 1;
    if (this.writers > 0) return;
    const opened = this.handle;
    this.handle = undefined;
    void opened?.then(
      (handle) => handle.close(),
      () => {},
    );
  }
}
