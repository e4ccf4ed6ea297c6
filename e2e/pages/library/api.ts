import type { RegistrationSnapshot, StorageState, StoredDownload } from '@bgfetch/core';

/** What a `fetch` from the page (through its service worker) answered. */
export interface Answer {
  status: number;
  contentRange: string | null;
  contentLength: string | null;
  bytes: number;
  /** Hex SHA-256 of the body. */
  sha256: string;
}

/** What the library page offers its spec, as `window.library`. */
export interface LibraryPageApi {
  /**
   * Takes control with the page's service worker (the Background Fetch API removed, so that every engine runs core's
   * fallback through the bridge), makes a client and a downloads library and waits for `ready`.
   */
  start(options?: { requestPersistence?: boolean }): Promise<void>;
  /** How often the page called `navigator.storage.persist()` (a counter around the browser's own). */
  persistCalls(): number;
  fetch(id: string, urls: string[], title: string): Promise<RegistrationSnapshot>;
  snapshot(id: string): RegistrationSnapshot | undefined;
  /**
   * In the store change that settles `id`, fetches it again with `urls`, as a "Download again" clicked on the outcome
   * it shows: the settled status, and what the second call answered (its first status, or the error's text).
   */
  fetchAgainOnceSettled(id: string, urls: string[]): Promise<{ settled: string; again: string }>;
  list(): Promise<StoredDownload[]>;
  /** How often the library's `subscribe` listener was called since `start()`. */
  changes(): number;
  /** `downloadsText(library)`: the README's example. */
  text(): Promise<string[]>;
  /** Every record in the records cache (index entries left out), by URL: its body's size, read from Cache Storage. */
  cacheSizes(): Promise<Record<string, number>>;
  bytesUsed(): Promise<number>;
  /** `library.open(id, url)`'s body as an `Answer`, or `null`. */
  open(id: string, url?: string): Promise<Answer | null>;
  remove(id: string): Promise<boolean>;
  /** Deletes the records cache behind the kit, as an eviction or "clear site data" would. */
  evict(): Promise<boolean>;
  redownload(id: string): Promise<RegistrationSnapshot>;
  storage(): Promise<StorageState>;
  requestPersistence(): Promise<boolean>;
  /** `fetch(url)` from the page, with a `Range` header and a cache mode when given. */
  get(url: string, range?: string, cache?: RequestCache): Promise<Answer>;
  /**
   * An `<audio>` for `url` (preload `metadata`), seeked to `at` seconds: resolves once it can play there, with its
   * duration and position; rejects on a media error.
   */
  seek(url: string, at: number): Promise<{ duration: number; currentTime: number }>;
  /** `<path> <Range>` of every request with a `Range` header the service worker saw. */
  rangesSeen(): Promise<string[]>;
}

declare global {
  interface Window {
    library: LibraryPageApi;
  }
}
