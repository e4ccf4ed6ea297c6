import { fallbackFiles } from '../wire/stored-file.js';
import type { BodyWriter } from './body-writer.js';
import { newToken } from './keys.js';

/** The sync access handle of a file (the WebWorker lib has it; core is typed with the DOM lib). */
export interface SyncAccessHandle {
  getSize(): number;
  write(bytes: Uint8Array<ArrayBuffer>, options: { at: number }): number;
  truncate(size: number): void;
  flush(): void;
  close(): void;
}

type WritableFile = FileSystemFileHandle & { createSyncAccessHandle?(): Promise<SyncAccessHandle> };

/** How long a file's access handle is asked for again while another worker (a tab that just closed) holds it. */
const HANDLE_WAIT_MS = 5000;
const HANDLE_RETRY_MS = 100;

let probed: Promise<boolean> | undefined;

/**
 * Whether this worker can write files: Chromium and Firefox yes; WebKitGTK 2.50 has no sync access handles by default
 * and refuses them (`NotSupportedError`) with its features on; private modes may refuse the file system. Asked by
 * writing and removing an empty probe file; a yes is kept for the worker's life, a no is asked again at the next job.
 */
export async function canWriteFiles(): Promise<boolean> {
  probed ??= (async () => {
    const directory = await fallbackFiles(true);
    if (directory === undefined) return false;
    const name = `probe-${newToken()}`;
    try {
      const file = (await directory.getFileHandle(name, { create: true })) as WritableFile;
      (await file.createSyncAccessHandle?.())?.close();
      return file.createSyncAccessHandle !== undefined;
    } catch {
      return false;
    } finally {
      await directory.removeEntry(name).catch(() => {});
    }
  })();
  const can = await probed;
  if (!can) probed = undefined;
  return can;
}

/**
 * Writes a request's bytes into the file `name` from `offset` on. Bytes past `offset` were written but never
 * committed (the tab went first): they are cut off, so the file holds exactly what IndexedDB says is stored. A file
 * shorter than `offset` (or gone) has lost stored bytes: that is a `NotFoundError`, never zeros to write after.
 */
export async function openFileWriter(name: string, offset: number): Promise<BodyWriter> {
  const handle = await openHandle(name, offset);
  handle.truncate(offset);
  return writerOn(handle, offset, () => handle.close());
}

/** Writers of one file at several positions at once: the ranges of a request (ranges.ts), which share its handle. */
export interface PositionalFile {
  /** A writer from byte `from` on; closing it leaves the file open for the others. */
  writerFrom(from: number): BodyWriter;
  close(): void;
}

/**
 * Opens the file `name` for writes at any position, its first `storedEnd` bytes stored already (a file shorter
 * than that has lost them: `NotFoundError`). Bytes past `total` are cut off; bytes written but never committed
 * inside it are written again by the range they belong to.
 */
export async function openPositionalFile(
  name: string,
  storedEnd: number,
  total: number,
): Promise<PositionalFile> {
  const handle = await openHandle(name, storedEnd);
  if (handle.getSize() > total) handle.truncate(total);
  return {
    writerFrom: (from) => writerOn(handle, from, () => {}),
    close() {
      handle.close();
    },
  };
}

/**
 * The access handle of file `name`, which holds at least `stored` bytes; created when missing if `create` (by default
 * when none are stored).
 */
export async function openHandle(
  name: string,
  stored: number,
  create = stored === 0,
): Promise<SyncAccessHandle> {
  const directory = await fallbackFiles(create);
  const file = await directory?.getFileHandle(name, { create });
  if (file === undefined) throw storedBytesLost(name);
  const handle = await accessHandle(file as WritableFile);
  if (handle.getSize() < stored) {
    handle.close();
    throw storedBytesLost(name);
  }
  return handle;
}

/** A writer of `handle` from byte `from` on; a commit flushes the whole file. */
export function writerOn(handle: SyncAccessHandle, from: number, close: () => void): BodyWriter {
  let at = from;
  return {
    copies: true,
    write(bytes) {
      at += writeAt(handle, bytes, at);
    },
    async commit() {
      handle.flush();
    },
    close,
  };
}

/** Writes `bytes` at `at`; a short write is a full storage. Returns the bytes written. */
function writeAt(handle: SyncAccessHandle, bytes: Uint8Array<ArrayBuffer>, at: number): number {
  const written = handle.write(bytes, { at });
  if (written !== bytes.byteLength) {
    throw new DOMException(
      `bgfetch: the origin's storage is full (${written} of ${bytes.byteLength} bytes written)`,
      'QuotaExceededError',
    );
  }
  return written;
}

function storedBytesLost(name: string): DOMException {
  return new DOMException(`bgfetch: the stored bytes of ${name} are gone`, 'NotFoundError');
}

/** A file has one access handle at a time: a tab that just closed may hold it a moment longer. */
async function accessHandle(file: WritableFile): Promise<SyncAccessHandle> {
  for (let waited = 0; ; waited += HANDLE_RETRY_MS) {
    try {
      if (file.createSyncAccessHandle === undefined)
        throw new TypeError('bgfetch: no sync access handles here');
      return await file.createSyncAccessHandle();
    } catch (error) {
      const held = error instanceof DOMException && error.name === 'NoModificationAllowedError';
      if (!held || waited >= HANDLE_WAIT_MS) throw error;
      await new Promise((resolve) => setTimeout(resolve, HANDLE_RETRY_MS));
    }
  }
}
