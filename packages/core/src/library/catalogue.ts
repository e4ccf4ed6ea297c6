import type { FetchMemory, StoredNote } from '../client/fetch-memory.js';
import type { StoredFetch } from '../landing/fetch-index.js';
import { readStoredFetches } from '../landing/fetch-index.js';
import { downloadOf, mergeDownloads, noteOf, type StoredDownload } from './download-state.js';
import { existingCache } from './stored-records.js';

/**
 * The stored downloads: what the records cache's fetch index lists, checked against the records the cache still
 * holds, and what the fetch memory noted as stored but no index lists any more (its cache is gone).
 */

/** Every stored download, newest first, with the bytes each takes; notes every one found whole for later. */
export async function readDownloads(
  cacheName: string,
  memory: FetchMemory,
): Promise<{ downloads: StoredDownload[]; sizes: Map<string, number | undefined> }> {
  const cache = await existingCache(cacheName);
  const notes = await memory.storedNotes();
  const noted = new Map(notes.map((note) => [note.id, note]));
  const entries = cache ? await titled(await readStoredFetches(cache), memory, noted) : [];
  const sizes = cache ? await sizesOf(cache, entries) : new Map<string, number | undefined>();
  const found = entries.flatMap((entry) => downloadOf(entry, sizes) ?? []);
  await Promise.all(
    found
      .filter((download) => download.state !== 'missing' && !sameNote(noted.get(download.id), download))
      .map((download) => memory.noteStored(noteOf(download))),
  );
  return { downloads: mergeDownloads(found, notes), sizes };
}

/**
 * Notes the stored fetches (all, or the one `id`) the index lists now, so that their records vanishing later is
 * reported: the client calls it on `ready` and whenever a fetch settles. Best effort: a note that cannot be written
 * loses only that report.
 */
export async function noteStoredFetches(cacheName: string, memory: FetchMemory, id?: string): Promise<void> {
  try {
    const cache = await existingCache(cacheName);
    if (cache === undefined) return;
    const entries = await titled(
      (await readStoredFetches(cache)).filter((entry) => id === undefined || entry.id === id),
      memory,
    );
    const present = new Map(entries.flatMap((entry) => entry.urls.map((url) => [url, 0] as const)));
    await Promise.all(
      entries.flatMap((entry) => {
        const download = downloadOf(entry, present);
        return download ? [memory.noteStored(noteOf(download))] : [];
      }),
    );
  } catch (error) {
    console.warn('bgfetch: the stored fetches could not be noted', error);
  }
}

/**
 * The entries with their titles: the index has one only for a native fetch (noted at its start); the others'
 * come from the note, else from the fetch memory's options it was started with.
 */
async function titled(
  entries: readonly StoredFetch[],
  memory: FetchMemory,
  noted: ReadonlyMap<string, StoredNote> = new Map(),
): Promise<StoredFetch[]> {
  return Promise.all(
    entries.map(async (entry) => {
      if (entry.title) return entry;
      const title = noted.get(entry.id)?.title || (await memory.recall(entry.id))?.options.title;
      return title ? { ...entry, title } : entry;
    }),
  );
}

/** Each listed URL's body size in the cache, `undefined` for one the cache no longer has. */
async function sizesOf(
  cache: Cache,
  entries: readonly StoredFetch[],
): Promise<Map<string, number | undefined>> {
  const urls = [...new Set(entries.flatMap((entry) => entry.urls))];
  const sizes = await Promise.all(urls.map(async (url) => (await (await cache.match(url))?.blob())?.size));
  return new Map(urls.map((url, index) => [url, sizes[index]]));
}

function sameNote(note: StoredNote | undefined, download: StoredDownload): boolean {
  return (
    note !== undefined &&
    note.settledAt === download.settledAt &&
    note.title === download.title &&
    note.urls.join('\n') === download.urls.join('\n')
  );
}
