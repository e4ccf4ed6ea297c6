import type { StoredNote } from '../client/fetch-memory.js';
import type { StoredFetch } from '../landing/fetch-index.js';

/**
 * `complete`: every record of a run that succeeded is in the cache (a later run that failed without storing anything
 * leaves that copy complete). `partial`: a run failed having stored some records, and those are kept. `missing`: records it stored are gone from the cache behind the kit (the browser evicted
 * it, the user cleared site data, another script deleted them); `redownload(id)` gets them again.
 */
export type StoredDownloadState = 'complete' | 'partial' | 'missing';

/** One fetch the records cache keeps (or kept, when `missing`). */
export interface StoredDownload {
  id: string;
  /** The title it was started with, else its id. */
  title: string;
  /** The URLs of its stored records, in the order of its requests. */
  urls: string[];
  /** Bytes of its records in the cache now (a URL another fetch shares counts for both). */
  bytes: number;
  /** When it settled (`Date.now()` of the service worker or page that stored it). */
  settledAt: number;
  state: StoredDownloadState;
}

/**
 * What the library shows of an index entry, given the size of each of its records found in the cache (`undefined`
 * when the cache no longer has it). An entry that stored nothing (an abort, a failure before any record arrived)
 * or has not settled is no stored download.
 */
export function downloadOf(
  entry: StoredFetch,
  sizes: ReadonlyMap<string, number | undefined>,
): StoredDownload | undefined {
  const { outcome } = entry;
  if (outcome === undefined || entry.urls.length === 0) return undefined;
  const present = entry.urls.map((url) => sizes.get(url));
  const state: StoredDownloadState = present.includes(undefined)
    ? 'missing'
    : outcome.registration.result === 'success' || entry.whole === true
      ? 'complete'
      : 'partial';
  return {
    id: entry.id,
    title: entry.title || entry.id,
    urls: entry.urls,
    bytes: present.reduce<number>((sum, size) => sum + (size ?? 0), 0),
    settledAt: outcome.settledAt,
    state,
  };
}

/** A fetch noted as stored whose index entry is gone with its cache. */
export function missingDownload(note: StoredNote): StoredDownload {
  return {
    id: note.id,
    title: note.title || note.id,
    urls: note.urls,
    bytes: 0,
    settledAt: note.settledAt,
    state: 'missing',
  };
}

/** The note that keeps a listed download known should its cache vanish. */
export function noteOf(download: StoredDownload): StoredNote {
  const { id, title, urls, settledAt } = download;
  return { id, title, urls, settledAt };
}

/** The list as the library gives it: the entries found, then the noted ones no entry lists, newest first. */
export function mergeDownloads(
  found: readonly StoredDownload[],
  notes: readonly StoredNote[],
): StoredDownload[] {
  const ids = new Set(found.map((download) => download.id));
  const vanished = notes.filter((note) => !ids.has(note.id)).map(missingDownload);
  return [...found, ...vanished].sort((a, b) => b.settledAt - a.settledAt);
}

/** Bytes the records take: each URL once, however many fetches list it. */
export function bytesUsed(sizes: ReadonlyMap<string, number | undefined>): number {
  let total = 0;
  for (const size of sizes.values()) total += size ?? 0;
  return total;
}
