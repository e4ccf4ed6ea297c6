import type { FetchOptions, RegistrationSnapshot } from '@bgfetch/core';
import type { BridgeDispatchDone, BridgeEventType } from '@bgfetch/core/internal';
import type { BackgroundFetchOutcome, StoredFetch } from '@bgfetch/sw';

/** One request of a job the page hands to the service worker's bridge, as the fallback engine would. */
export interface BridgeFile {
  url: string;
  /** Chunk size the body is stored in (default 256 KiB). */
  chunkSize?: number;
  /** Store only this many of its chunks and mark the response incomplete (an aborted download). */
  keepChunks?: number;
  /** No response at all (a network error). */
  noResponse?: boolean;
  /** With `keepChunks`: claim the response complete anyway (as Chromium's 0-byte "success" does). */
  claimComplete?: boolean;
  /** The request's `integrity` metadata. */
  integrity?: string;
}

export interface BridgeJob {
  event: BridgeEventType;
  id: string;
  files: BridgeFile[];
  /** `false`: post and return at once (the page may close before the handler is done). Default `true`. */
  wait?: boolean;
}

/** What the probe in sw.ts saw of a `probe-…` fetch's success or fail event. */
export interface ProbeResult {
  type: string;
  records: number;
  availableDuring: boolean;
  /** `'ok'`, or the name of the error each call rejected with. */
  /** `probe-twice-…` ids: updateUI twice in the handler (through the kit's guard, then raw). */
  firstUpdateUI?: string;
  secondUpdateUIGuarded?: string;
  secondUpdateUIRaw?: string;
  /** `probe-late-…` ids: no updateUI in the handler; raw, then guarded, once every waitUntil promise settled. */
  lateUpdateUIRaw?: string;
  lateUpdateUIGuarded?: string;
  lateUpdateUIMessage?: string;
  lateWaitUntil: string;
  availableAfter: boolean;
  matchAllAfter: string;
}

/** What the sw page offers its specs, as `window.swKit`. */
export interface SwKitApi {
  /**
   * Registers the page's service worker (`./sw.js`, with `?native=0` when `removeNative`: the worker then deletes the
   * Background Fetch API from its scope, and the page deletes it from itself), waits until it controls the page,
   * makes a core client (`native` engine; without native, core's fallback engine with `fallbackEngine`, else no
   * engine at all) and waits for its `ready` (which applies the stored outcomes).
   */
  start(options?: { removeNative?: boolean; fallbackEngine?: boolean }): Promise<void>;
  /** A request is a URL, or a URL with the request's `integrity`. */
  fetch(
    id: string,
    requests: (string | { url: string; integrity: string })[],
    options?: FetchOptions,
  ): Promise<RegistrationSnapshot>;
  abort(id: string): Promise<boolean>;
  snapshot(id: string): RegistrationSnapshot | undefined;
  /** Every snapshot the store held of `id`, oldest first. */
  history(id: string): RegistrationSnapshot[];
  /** Every outcome the page was told, by `postMessage` and on the channel. */
  told(): { via: 'postMessage' | 'channel'; outcome: BackgroundFetchOutcome }[];
  /** Stores the files' bodies as chunks and posts the job to the service worker's bridge. */
  dispatch(job: BridgeJob): Promise<BridgeDispatchDone | undefined>;
  /** Length and hex SHA-256 of the response cached for `url` in the records cache, or `null`. */
  cached(url: string): Promise<{ bytes: number; sha256: string } | null>;
  storedFetch(id: string): Promise<StoredFetch | undefined>;
  /** URLs of the responses `getFetchResponses(id)` finds. */
  fetchResponses(id: string): Promise<string[]>;
  /** Keys left in the fallback's chunk cache. */
  chunkKeys(): Promise<string[]>;
  probe(id: string): Promise<ProbeResult | undefined>;
}

export const PROBE_CACHE = 'sw-test:probes';
export const probeKey = (id: string) => `/__probe/${encodeURIComponent(id)}`;

declare global {
  interface Window {
    swKit: SwKitApi;
  }
}
