import type {
  EngineCapabilities,
  FallbackEngineOptions,
  FetchOptions,
  FetchPriority,
  RegistrationSnapshot,
} from '@bgfetch/core';

/** How the spec sets up the page's client (passed again after a reload or restart). */
export interface FallbackPageConfig {
  /** Register `sw.js` (which answers the bridge) and give the client its registration. */
  serviceWorker: boolean;
  engine?: Omit<FallbackEngineOptions, 'createWorker'>;
  /** Run the engine's worker with a wall clock `stepClockBack` can step back (stepped-clock.ts). */
  steppedClock?: boolean;
  /** Give the engine a worker that does not start: its script is not there, or throws as it runs. */
  brokenWorker?: 'missing' | 'throws';
}

/** Where the page tells a stepped clock to go back (stepped-clock.ts). */
export const CLOCK_CHANNEL = 'fallback-test:clock';

/** What `sw.ts` records of each event it got through the bridge. */
export interface BridgeEventSummary {
  event: string;
  id: string;
  result: string;
  failureReason: string;
  records: {
    url: string;
    status: number | null;
    complete: boolean | null;
    bytes: number | null;
    error?: string;
  }[];
}

/** What a test needs to know about the origin's storage. */
export interface StorageState {
  caches: string[];
  /** Entries of the fallback's chunk cache. */
  chunks: number;
  /** Files in the fallback's directory of the origin private file system. */
  files: number;
  jobs: string[];
  /** Records of the fallback's `requests` store (one per request of a stored job). */
  requests: number;
}

export interface RequestSpec {
  url: string;
  method?: string;
  body?: string;
  integrity?: string;
}

export interface FallbackApi {
  start(config: FallbackPageConfig): Promise<void>;
  fetch(
    id: string,
    requests: (string | RequestSpec)[],
    options?: FetchOptions,
  ): Promise<RegistrationSnapshot>;
  abort(id: string): Promise<boolean>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  setPriority(id: string, priority: FetchPriority): Promise<void>;
  setMaxBytesPerSecond(limit: number | null, id?: string): Promise<void>;
  /** `client.capabilities`: what the engine that would run the next fetch can do. */
  capabilities(): EngineCapabilities;
  snapshot(id: string): RegistrationSnapshot | undefined;
  history(id: string): RegistrationSnapshot[];
  storeIds(): string[];
  /** The engine's own reports of `id` as broadcast on FALLBACK_CHANNEL_NAME (not coalesced per frame). */
  reports(id: string): RegistrationSnapshot[];
  /** Hex SHA-256 and length of a stored record, or `null` when the cache has no such entry. */
  record(cacheName: string, url: string): Promise<{ sha256: string; bytes: number; status: number } | null>;
  storage(): Promise<StorageState>;
  /** Removes the fallback's stored bytes behind its back (files and chunks), as clearing part of the site's data does. */
  loseStoredBytes(): Promise<void>;
  /** Events the test service worker received, oldest first. */
  bridgeEvents(): Promise<BridgeEventSummary[]>;
  /**
   * Opens the fallback's database at a version above the engine's and keeps it open, as a tab of a newer version of
   * the app would: the engine's connection lets go, and every later open of the engine fails (`VersionError`).
   */
  holdNewerDatabase(): Promise<void>;
  /** Names of the Web Locks held on the origin now. */
  heldLocks(): Promise<string[]>;
  /** Steps the wall clock of the engine's worker back (a page started with `steppedClock`). */
  stepClockBack(ms: number): void;
  /** How many of the test service worker's slow handlers began for `id` (SLOW_HANDLER_PREFIX). */
  handlersStarted(id: string): Promise<number>;
  /** URLs of the responses `getFetchResponses(id)` finds in the default records cache, in its order. */
  fetchResponses(id: string): Promise<string[]>;
  /** `navigator.storage.estimate()`, where there is one. */
  estimate(): Promise<{ quota: number; usage: number } | null>;
}

/** The cache the test service worker stores successful records in (the default handler uses bgfetch:records). */
export const SW_RECORDS_CACHE = 'fallback-test:sw-records';
/** Where the test service worker keeps its event summaries. */
export const SW_EVENTS_CACHE = 'fallback-test:events';
/** Where the test service worker notes each handler that began, before it reads anything. */
export const SW_STARTED_CACHE = 'fallback-test:started';
/**
 * Ids starting with this get a slow handler: it notes its start, then works this long before it reads the records
 * (an app's handler that does other work first), longer than the `handoffTimeoutMs` the hand-off tests give.
 */
export const SLOW_HANDLER_PREFIX = 'slow-';
export const SLOW_HANDLER_MS = 1_500;

declare global {
  interface Window {
    fallback: FallbackApi;
  }
}
