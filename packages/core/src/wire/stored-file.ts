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

/** The stored file's size, 0 when it is missing; any other failure to read it is thrown, not taken for "gone". */
export async function storedFileSize(name: string): Promise<number> {
  const handle = await storedFileHandle(name);
  return handle === undefined ? 0 : (await handle.getFile()).size;
}

async function storedFileHandle(name: string): Promise<FileSystemFileHandle | undefined> {
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
