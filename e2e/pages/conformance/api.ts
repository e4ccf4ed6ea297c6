import type { BackgroundFetchOptions, FallbackEngineOptions } from '@bgfetch/core';

/**
 * The conformance page's contract with its specs (specs/conformance-*.spec.ts). The page and its service worker use
 * the raw Background Fetch API only; of the kit they call nothing but the two `installBackgroundFetchPolyfill()`.
 *
 * `?mode=polyfill` (page URL and service-worker URL): the page deletes any native API, then installs the polyfill;
 * the service worker installs its half. `?mode=native`: neither calls anything of the kit (Chromium's own API).
 */
export type Mode = 'native' | 'polyfill';

export const MODES: readonly Mode[] = ['polyfill', 'native'];

export function modeFrom(search: string): Mode {
  const mode = new URLSearchParams(search).get('mode');
  if (mode !== 'native' && mode !== 'polyfill')
    throw new Error(`conformance: ?mode= must name a mode, got ${mode}`);
  return mode;
}

/** A request as the spec passes it: a string goes to `fetch()` as is (so the API parses it), an object as a Request. */
export type RequestInput =
  | string
  | { url: string; method?: string; body?: string; headers?: Record<string, string>; mode?: RequestMode };

/** A registration's figures, read synchronously from the object. */
export interface Fields {
  id: string;
  uploadTotal: number;
  uploaded: number;
  downloadTotal: number;
  downloaded: number;
  result: string;
  failureReason: string;
  recordsAvailable: boolean;
}

/** What a record showed: its request, and (when read) what `responseReady` gave or the name of its rejection. */
export interface RecordSummary {
  url: string;
  method: string;
  status?: number;
  /** Bytes streamed from `responseReady`'s body, and their hex SHA-256. */
  bytes?: number;
  sha256?: string;
  /** The `Content-Range` header of the response (the spec deletes it), or null. */
  contentRange?: string | null;
  /** The body parsed, for a JSON response (the media server's `/echo`). */
  json?: unknown;
  /** The name of the error `responseReady` (or reading its body) rejected with. */
  error?: string;
}

/** `'ok'`, or the name of the error a call threw or rejected with. */
export type Outcome = string;

/** What the service worker saw of one `backgroundfetch…` event. */
export interface SwEventReport {
  type: string;
  /** The service worker's install result (`null` in native mode, where it calls nothing). */
  installed: string | null;
  /** The registration's figures when the event was dispatched. */
  fields: Fields;
  hasUpdateUI: boolean;
  recordsAvailableDuring: boolean;
  records: RecordSummary[];
  /** Inside the handler: two `updateUI()` calls (not for ids starting with LATE_UI). */
  updateUI?: [Outcome, Outcome];
  /** A call once every `waitUntil` promise settled. */
  lateUpdateUI?: Outcome;
  /** After the handler: `recordsAvailable`, and what `matchAll()` did. */
  recordsAvailableAfter: boolean;
  matchAllAfter: Outcome;
  at: number;
}

/** Ids starting so get no `updateUI()` inside their success / fail handler, only the late call. */
export const LATE_UI = 'late-ui';

export const SW_EVENTS_CACHE = 'conformance:sw-events';

/** Posted to the service worker with a port: it answers with what its `registration.backgroundFetch` shows. */
export interface SwLookupRequest {
  type: 'conformance:lookup';
  id: string;
  /** Also `abort()` the registration `get(id)` gives. */
  abort: boolean;
}

/** The service worker's `registration.backgroundFetch`, seen from inside it. */
export interface SwLookup {
  ids: string[];
  /** `get(id)`'s figures, or null. */
  found: Fields | null;
  /** What `abort()` on it resolved with, when asked. */
  aborted: boolean | null;
  /** What `fetch()` from the service worker did. */
  fetch: Outcome;
}

export interface StartOptions {
  /** The fallback engine's options, for the polyfill's install call (ignored in native mode). */
  fallback?: Omit<FallbackEngineOptions, 'createWorker'>;
}

export interface ConformanceApi {
  readonly mode: Mode;
  /** Installs per mode, registers `./sw.js?mode=…` and waits until it controls the page and is activated. */
  start(options?: StartOptions): Promise<{ installed: string | null }>;
  /** `registration.backgroundFetch.fetch()`; the registration is kept (by id) with its progress events. */
  fetch(id: string, requests: RequestInput[], options?: BackgroundFetchOptions): Promise<Fields>;
  /** `get(id)`: its figures, and whether it is the very object this page already keeps for `id` (else kept). */
  get(id: string): Promise<{ fields: Fields; sameInstance: boolean | null } | null>;
  getIds(): Promise<string[]>;
  /** The figures of the registration kept for `id` (from `fetch()`, or `get()` after a reload), or null. */
  fields(id: string): Fields | null;
  /** The figures at each `progress` event of the kept registration, and how often `onprogress` ran. */
  progress(id: string): { events: Fields[]; onprogress: number };
  /** `abort()` on the kept registration. */
  abort(id: string): Promise<boolean>;
  /** `match()` / `matchAll()` on the kept registration; `read` awaits each `responseReady` and reads its body. */
  match(
    id: string,
    request: RequestInput,
    options?: CacheQueryOptions,
    read?: boolean,
  ): Promise<RecordSummary | null>;
  matchAll(
    id: string,
    request?: RequestInput,
    options?: CacheQueryOptions,
    read?: boolean,
  ): Promise<RecordSummary[]>;
  /** A registration whose service worker never activates (`./held/`): what fetch(), get() and getIds() do there. */
  withoutActiveWorker(): Promise<{ active: boolean; fetch: Outcome; get: string; getIds: string[] }>;
  /** Asks the controlling service worker what its own `registration.backgroundFetch` shows (and to abort `id`). */
  swLookup(id: string, abort?: boolean): Promise<SwLookup>;
  /** Every event the service worker reported, oldest first. */
  swEvents(): Promise<SwEventReport[]>;
}

declare global {
  interface Window {
    conformance: ConformanceApi;
  }
}
