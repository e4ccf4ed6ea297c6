/**
 * The Background Fetch API's types (WICG spec, https://wicg.github.io/background-fetch/), which TypeScript's DOM
 * and WebWorker libs do not ship. Names, members and meanings follow the spec's IDL; `@bgfetch/sw` and
 * `@bgfetch/react` import them from here so the kit has exactly one copy.
 */

/** The spec's `BackgroundFetchResult`: `''` while the fetch is active. */
export type BackgroundFetchResult = '' | 'success' | 'failure';

/** The spec's `BackgroundFetchFailureReason`: `''` unless `result` is `'failure'`. */
export type BackgroundFetchFailureReason =
  | ''
  | 'aborted'
  | 'bad-status'
  | 'fetch-error'
  | 'quota-exceeded'
  | 'download-total-exceeded';

/** The Manifest spec's `ImageResource`, as used for the browser's download UI. */
export interface ImageResource {
  src: string;
  sizes?: string;
  type?: string;
  label?: string;
}

/** The spec's `BackgroundFetchUIOptions`. */
export interface BackgroundFetchUIOptions {
  icons?: ImageResource[];
  title?: string;
}

/** The spec's `BackgroundFetchOptions`: `downloadTotal` is an upper bound in bytes, 0 = not given. */
export interface BackgroundFetchOptions extends BackgroundFetchUIOptions {
  downloadTotal?: number;
}

/** One request of a fetch and, once it has one, its response. */
export interface BackgroundFetchRecord {
  readonly request: Request;
  /** Resolves when the whole response is stored; rejects with `AbortError` if it never will be. */
  readonly responseReady: Promise<Response>;
}

export interface BackgroundFetchRegistrationEventMap {
  /** Fires when `downloaded`, `uploaded`, `result` or `failureReason` changes; never after `result` is set. */
  progress: Event;
}

/** The spec's `BackgroundFetchRegistration`: a live view of one fetch, in a page or in the service worker. */
export interface BackgroundFetchRegistration extends EventTarget {
  readonly id: string;
  readonly uploadTotal: number;
  readonly uploaded: number;
  readonly downloadTotal: number;
  readonly downloaded: number;
  readonly result: BackgroundFetchResult;
  readonly failureReason: BackgroundFetchFailureReason;
  readonly recordsAvailable: boolean;
  onprogress: ((this: BackgroundFetchRegistration, event: Event) => unknown) | null;
  /** Resolves `true` the first time it aborts an active fetch, `false` after that. */
  abort(): Promise<boolean>;
  /** The first matching record, or `undefined`; rejects with `InvalidStateError` once records are gone. */
  match(request: RequestInfo | URL, options?: CacheQueryOptions): Promise<BackgroundFetchRecord | undefined>;
  matchAll(request?: RequestInfo | URL, options?: CacheQueryOptions): Promise<BackgroundFetchRecord[]>;
  addEventListener<K extends keyof BackgroundFetchRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundFetchRegistration, event: BackgroundFetchRegistrationEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof BackgroundFetchRegistrationEventMap>(
    type: K,
    listener: (this: BackgroundFetchRegistration, event: BackgroundFetchRegistrationEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The spec's `BackgroundFetchManager`, reached as `ServiceWorkerRegistration.backgroundFetch`. */
export interface BackgroundFetchManager {
  fetch(
    id: string,
    requests: RequestInfo | readonly RequestInfo[],
    options?: BackgroundFetchOptions,
  ): Promise<BackgroundFetchRegistration>;
  /** An active fetch by id, or `undefined`. */
  get(id: string): Promise<BackgroundFetchRegistration | undefined>;
  /** The ids of every active fetch. */
  getIds(): Promise<string[]>;
}

/**
 * The spec's `BackgroundFetchEvent`, an `ExtendableEvent`. `ExtendableEvent` exists only in the WebWorker lib while
 * core compiles against the DOM lib, so `waitUntil` is spelled out here: the shape is the same, so these types
 * slot into `ServiceWorkerGlobalScopeEventMap` in a service worker compiled with the WebWorker lib.
 */
export interface BackgroundFetchEvent extends Event {
  readonly registration: BackgroundFetchRegistration;
  waitUntil(promise: Promise<unknown>): void;
}

/** The spec's `BackgroundFetchUpdateUIEvent`: `updateUI` works once, while the event is active. */
export interface BackgroundFetchUpdateUIEvent extends BackgroundFetchEvent {
  updateUI(options?: BackgroundFetchUIOptions): Promise<void>;
}

/**
 * The service-worker events by name. `@bgfetch/sw` merges this into `ServiceWorkerGlobalScopeEventMap` so
 * `self.addEventListener('backgroundfetchsuccess', …)` is typed.
 */
export interface BackgroundFetchServiceWorkerEventMap {
  backgroundfetchsuccess: BackgroundFetchUpdateUIEvent;
  backgroundfetchfail: BackgroundFetchUpdateUIEvent;
  backgroundfetchabort: BackgroundFetchEvent;
  backgroundfetchclick: BackgroundFetchEvent;
}

declare global {
  interface ServiceWorkerRegistration {
    /** Only where the browser has Background Fetch (Chromium): feature-detect before use. */
    readonly backgroundFetch: BackgroundFetchManager;
  }
}
