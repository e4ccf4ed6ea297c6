/**
 * The fallback's response bytes as files of the origin private file system, where the browser lets a worker write
 * them (see fallback/file-writer.ts): one file per request, in the `FALLBACK_FILE_DIRECTORY` directory. A finished
 * record is then the file itself, handed to `cache.put` as a `File`, so the browser copies the bytes without script.
 * Readable from the page, the worker and the service worker alike.
 */

/** The directory of the origin private file system that holds the fallback's files; nothing else lives there. */
export const FALLBACK_FILE_DIRECTORY = 'bgfetch';

/** The directory, or `undefined` where the browser has no origin private file system (or refuses it). */
export async function fallbackFiles(create = false): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(FALLBACK_FILE_DIRECTORY, { create });
  } catch {
    return undefined;
  }
}

/** The stored file `name`, as a `File` (a snapshot: read it before the file is written again). */
export async function openStoredFile(name: string): Promise<File> {
  const handle = await storedFileHandle(name);
  if (handle === undefined)
    throw new DOMException(`bgfetch: stored file ${name} is missing`, 'NotFoundError');
  return handle.getFile();
}

/** Opens a stored file as a `File`, as `openStoredFile` does. */
export type FileOpener = (name: string) => Promise<File>;

/**
 * An opener for the files of a settled run (nothing writes them any more), which opens each file once however many
 * records read it: a run's small responses share its pack, so landing them costs one look-up and one snapshot of it,
 * not one per record. Each call makes a new one, kept for one read of the run (a landing, a `matchAll`).
 */
export function settledFiles(): FileOpener {
  const opened = new Map<string, Promise<File>>();
  return (name) => {
    let file = opened.get(name);
    if (file === undefined) {
      file = openStoredFile(name);
      opened.set(name, file);
    }
    return file;
  };
}

/** Bytes `start` to `end` (exclusive) of the stored file `file`. */
export interface StoredSlice {
  file: string;
  start: number;
  end: number;
}

/** The piece of a slice read at once: the stream's memory stays this size however large the slice. */
const SLICE_PIECE_BYTES = 256 * 1024;
/** Reads of one piece, each from a new snapshot, before a file that keeps changing under them is given up on. */
const SLICE_READ_TRIES = 50;

/**
 * A slice of a stored file that is still being written elsewhere (a pack, while its job runs), as a stream. In
 * Chromium a `File` from `getFile()` becomes unreadable (`NotReadableError`) once its file is written again, even
 * where the slice's own bytes did not change (docs/browsers.md): a piece whose read meets that is read again from a
 * new snapshot. The slice's own bytes never change once stored, so every piece is the same whichever snapshot it
 * came from. A file shorter than the slice has lost bytes: `NotFoundError`.
 */
export function storedSliceStream({
  file,
  start,
  end,
}: StoredSlice): ReadableStream<Uint8Array<ArrayBuffer>> {
  let at = start;
  let snapshot: File | undefined;
  return new ReadableStream<Uint8Array<ArrayBuffer>>({
    async pull(controller) {
      if (at >= end) return controller.close();
      const until = Math.min(end, at + SLICE_PIECE_BYTES);
      for (let tries = 1; ; tries++) {
        snapshot ??= await openStoredFile(file);
        try {
          const piece = new Uint8Array(await snapshot.slice(at, until).arrayBuffer());
          if (piece.byteLength !== until - at)
            throw new DOMException(`bgfetch: stored file ${file} lost bytes at ${at}`, 'NotFoundError');
          at = until;
          return controller.enqueue(piece);
        } catch (error) {
          const rewritten = error instanceof DOMException && error.name === 'NotReadableError';
          if (!rewritten || tries >= SLICE_READ_TRIES) throw error;
          snapshot = undefined;
        }
      }
    },
  });
}

/** The bytes of a slice of a stored file, read as `storedSliceStream` reads them. */
export async function readStoredSlice(slice: StoredSlice): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await new Response(storedSliceStream(slice)).arrayBuffer());
}

/** The stored file's size, 0 when it is missing; any other failure to read it is thrown, not taken for "gone". */
export async function storedFileSize(name: string): Promise<number> {
  const handle = await storedFileHandle(name);
  return handle === undefined ? 0 : fileSize(handle);
}

/** The size of the file behind `handle`, 0 when it is gone (removed since the handle was had): `storedFileSize`. */
export async function fileSize(handle: FileSystemFileHandle): Promise<number> {
  try {
    return (await handle.getFile()).size;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return 0;
    throw error;
  }
}

/** The handle of the stored file `name`, `undefined` when it is missing. */
export async function storedFileHandle(name: string): Promise<FileSystemFileHandle | undefined> {
  try {
    const root = await navigator.storage.getDirectory();
    return await (await root.getDirectoryHandle(FALLBACK_FILE_DIRECTORY)).getFileHandle(name);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return undefined;
    throw error;
  }
}

/** Removes every stored file whose name starts with `prefix` (a job's files, also those no record names). */
export async function removeStoredFiles(prefix: string): Promise<void> {
  const directory = await fallbackFiles();
  if (directory === undefined) return;
  const names: string[] = [];
  for await (const name of directory.keys()) if (name.startsWith(prefix)) names.push(name);
  await Promise.all(names.map((name) => directory.removeEntry(name)));
}
