import type { ValidatedFetch } from '../input/validate.js';
import type { StoredRecord } from '../wire/stored-record.js';
import type { FetchPriority } from './priority.js';
import type { ServiceWorkerWatch } from './service-worker-watch.js';
import type { EngineKind, RegistrationSnapshot } from './snapshot.js';

/** What an engine can do, so the UI offers only the actions that work. */
export interface EngineCapabilities {
  /** `pause(id)` / `resume(id)` work. */
  pause: boolean;
  /**
   * The origin's fetches wait in one queue with a limit on how many download at once, with a `priority` each
   * (`fetch()`'s option, `setPriority(id, p)`); snapshots say their `queuePosition`.
   */
  queue: boolean;
  /** An unfinished fetch carries on after the browser restarts. */
  resumeAfterRestart: boolean;
  /** A fetch carries on with every page of the origin closed. */
  continuesWhenClosed: boolean;
  /** Requests with bodies (PUT, POST) are sent. */
  uploads: boolean;
  /**
   * A large request is fetched as byte ranges over several connections at once (`fetch()`'s `connections` option);
   * where `false`, the option is accepted and has no effect.
   */
  connections: boolean;
  /**
   * A fetch's `network: 'unmetered'` is honoured: the browser tells the connection's type (Chromium where
   * `navigator.connection.type` exists), and such a fetch waits, `paused` with `pauseReason: 'metered-network'`,
   * while it is cellular or saves data. Where this is `false` the option changes nothing.
   */
  networkPolicy: boolean;
  /** `maxBytesPerSecond` (a fetch's option, the engine's, `setMaxBytesPerSecond`) holds the download's speed. */
  bandwidthCap: boolean;
}

/** Receives every change of every fetch an engine runs, as a whole new snapshot. */
export type ReportSnapshot = (snapshot: RegistrationSnapshot) => void;

export interface EngineContext {
  /**
   * The app's service-worker registration as known now, and when it arrives: never awaited (it may never come).
   * `current()` is `undefined` when none was given, none is there yet, or it failed.
   */
  serviceWorker: ServiceWorkerWatch;
  /** Where the engine reports; the client routes it through the coalescing writer into the store. */
  report: ReportSnapshot;
}

/**
 * One way of running background fetches. The client holds engines by kind and never branches on which one it
 * talks to: everything an engine does for the page goes through this interface and its `report` callback.
 * Input reaching an engine is already validated (`validateFetch`, the quota check, the duplicate-id check).
 */
export interface Engine {
  readonly kind: EngineKind;
  readonly capabilities: EngineCapabilities;
  /**
   * Why a new fetch cannot start here right now (the error a caller who forced this engine gets), or `undefined`
   * when it can. Asked before every start: a service worker can activate, or go, after the engine was made.
   */
  unusableReason(): Error | undefined;
  /**
   * Starts a fetch and resolves with its first snapshot, after reporting it. Rejects with a `NotAllowedError`
   * `DOMException` when the browser refuses (the client then tries the next engine) and with the engine's own
   * error otherwise; a rejected start has reported nothing.
   */
  start(fetch: ValidatedFetch): Promise<RegistrationSnapshot>;
  /** Reports every fetch still active from an earlier page (reload, other tab, restart) and follows it. */
  rehydrate(): Promise<void>;
  /** Resolves `true` if this call aborted an active fetch, `false` if there was none to abort. */
  abort(id: string): Promise<boolean>;
  /**
   * The records of a fetch as stored so far, in request order, while the engine still holds them; `undefined` once
   * they are gone (the fetch settled and its handler finished). Only engines that keep the records themselves
   * have it (the fallback): the polyfill's `match` / `matchAll` read them.
   */
  records?(id: string): Promise<StoredRecord[] | undefined>;
  /** Present only when `capabilities.pause` is true. */
  pause?(id: string): Promise<void>;
  resume?(id: string): Promise<void>;
  /** Present only when `capabilities.queue` is true. */
  setPriority?(id: string, priority: FetchPriority): Promise<void>;
  /** Present only when `capabilities.bandwidthCap` is true: the cap over every fetch it runs (`null`: none). */
  setMaxBytesPerSecond?(limit: number | null): Promise<void>;
  /** Present only when `capabilities.bandwidthCap` is true: a fetch's own cap (`null`: none). */
  setFetchMaxBytesPerSecond?(id: string, limit: number | null): Promise<void>;
  /** Stops following fetches (the fetches themselves go on). */
  dispose(): void;
}

/** Makes an engine for a client; the fallback engine plugs in as one of these. */
export type EngineFactory = (context: EngineContext) => Engine | Promise<Engine>;
