import { createFallbackEngine } from '../fallback/engine.js';
import { checkQuota, type StorageEstimator } from '../input/check-quota.js';
import {
  type FetchOptions,
  type FetchRequestInput,
  type ValidatedFetch,
  validateBytesPerSecond,
  validateFetch,
  validateId,
  validatePriority,
} from '../input/validate.js';
import { applyKeptOutcomes, noteFetchStart } from '../landing/kept.js';
import { noteStoredFetches } from '../library/catalogue.js';
import { requestPersistence } from '../library/persistence.js';
import { watchSettled } from '../library/settled-watch.js';
import { createNativeEngine } from '../native/native-engine.js';
import { isRefusal } from '../support/errors.js';
import {
  type FetchOutcomeMessage,
  isFetchOutcomeMessage,
  isOutcomeOfAnotherRun,
  OUTCOME_CHANNEL_NAME,
  snapshotFromOutcome,
} from '../wire/outcome.js';
import { DEFAULT_RECORDS_CACHE } from '../wire/stored-record.js';
import type { Engine, EngineCapabilities, EngineFactory } from './engine.js';
import { openFetchMemory } from './fetch-memory.js';
import type { FrameScheduler } from './frame-scheduler.js';
import { unhonoured } from './honoured-options.js';
import type { FetchPriority } from './priority.js';
import { selectRegistration } from './selectors.js';
import { watchServiceWorker } from './service-worker-watch.js';
import { type EngineKind, isSettled, type RegistrationSnapshot } from './snapshot.js';
import { createSnapshotWriter } from './snapshot-writer.js';
import { type BackgroundFetchStore, createBackgroundFetchStore, NO_CAPABILITIES } from './store.js';

/** `auto`: native where the browser has it, grants it and a service worker is active; the fallback otherwise. */
export type EngineChoice = 'auto' | EngineKind;

export interface BackgroundFetchClientOptions {
  /** Default `'auto'`. */
  engine?: EngineChoice;
  /**
   * The registration (or `navigator.serviceWorker.ready`) whose `backgroundFetch` the native engine uses and whose
   * worker receives the fallback's events. A promise is never awaited by `ready`: the engines use the registration
   * once it arrives, and until then run without one (native unusable, the fallback stores records in the page).
   */
  serviceWorker?: ServiceWorkerRegistration | Promise<ServiceWorkerRegistration>;
  /** Default `createNativeEngine()`; pass `createNativeEngine({ … })` to configure it. */
  native?: EngineFactory;
  /**
   * Default `createFallbackEngine()`; pass `createFallbackEngine({ … })` to configure it, or `false` for the native
   * engine only (a fetch that would need the fallback then rejects `NotSupportedError`).
   */
  fallback?: EngineFactory | false;
  /** Share a store made with `createBackgroundFetchStore()`, e.g. one a framework made before the client. */
  store?: BackgroundFetchStore;
  /** When held progress is written; default: the next animation frame. */
  scheduleFrame?: FrameScheduler;
  /** Default `navigator.storage.estimate`, where the browser has it. */
  estimateStorage?: StorageEstimator;
  /** The records cache whose fetch index settles stored fetches on `ready`; default `DEFAULT_RECORDS_CACHE`. */
  cacheName?: string;
  /**
   * `true`: when this client starts its first fetch, ask for persistent storage (`navigator.storage.persist()`)
   * unless the origin has it, so the browser does not evict the downloads under storage pressure. Asked once, not
   * awaited (Firefox may prompt the user). Default `false`.
   */
  requestPersistence?: boolean;
}

export interface BackgroundFetchClient {
  /** The zustand vanilla store with every snapshot: subscribe with selectors. */
  readonly store: BackgroundFetchStore;
  /**
   * Validates everything, then starts the fetch on the chosen engine and resolves with its first snapshot (already
   * in the store). Rejects with the spec's errors (see the README) and then has changed nothing.
   */
  fetch(
    id: string,
    requests: FetchRequestInput | readonly FetchRequestInput[],
    options?: FetchOptions,
  ): Promise<RegistrationSnapshot>;
  /** The latest snapshot of a fetch, active or settled; `undefined` for an id this page has not seen. */
  get(id: string): Promise<RegistrationSnapshot | undefined>;
  /** The ids of every active (not yet settled) fetch. */
  getIds(): Promise<string[]>;
  /** `true` if this call aborted an active fetch, else `false` (unknown id, already settled, already aborted). */
  abort(id: string): Promise<boolean>;
  /** Rejects with `NotSupportedError` when the fetch's engine cannot pause (`capabilitiesOf(engine).pause`). */
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  /**
   * Moves an active fetch within the origin's queue (`high` before `normal` before `low`; it keeps its arrival order
   * within the new one). A `TypeError` for another value; `NotSupportedError` when the fetch's engine has no queue
   * (`capabilitiesOf(engine).queue`); `InvalidStateError` when no active fetch has the id.
   */
  setPriority(id: string, priority: FetchPriority): Promise<void>;
  /**
   * Caps the bytes a second of every fetch this page's engines run, from now on, running ones included (`null`
   * lifts the cap); it replaces the engine's `maxBytesPerSecond` option, and a fetch's own cap applies on top. With
   * an `id`, it replaces that active fetch's own cap (`fetch()`'s `maxBytesPerSecond`) instead, whichever tab runs
   * it. A `TypeError` for anything but a positive whole number or `null`; `NotSupportedError` when no engine here
   * can (`capabilities.bandwidthCap`: the fallback can, the native engine cannot); `InvalidStateError` when no
   * active fetch has the `id`.
   */
  setMaxBytesPerSecond(limit: number | null, id?: string): Promise<void>;
  /**
   * Starts a settled fetch again with the requests and options it was last started with on this origin (kept in
   * IndexedDB, so also after a reload). Rejects with `NotSupportedError` for an id never started here (no snapshot
   * holds the original headers, bodies or `integrity`: a guess could store an unchecked file), and like `fetch()`
   * otherwise. `state.retryable` lists the ids it can start.
   */
  retry(id: string): Promise<RegistrationSnapshot>;
  /** Which engine would run the next fetch: `undefined` until `ready`, or when none can run here. */
  readonly engine: EngineKind | undefined;
  /** What the engine that would run the next fetch can do; all `false` until `ready`. */
  readonly capabilities: EngineCapabilities;
  /** What a given engine can do (e.g. the one in a snapshot's `engine`); all `false` if it is not running. */
  capabilitiesOf(engine: EngineKind): EngineCapabilities;
  /** Resolves once the engines are up and every fetch still running from earlier is in the store. */
  readonly ready: Promise<void>;
  /** Settles a fetch from a service worker's outcome; messages on `OUTCOME_CHANNEL_NAME` arrive here by themselves. */
  applyOutcome(message: FetchOutcomeMessage): void;
  /** Stops listening and following (the fetches themselves go on). */
  dispose(): void;
}

const ENGINE_ORDER: Record<EngineChoice, readonly EngineKind[]> = {
  auto: ['native', 'fallback'],
  native: ['native'],
  fallback: ['fallback'],
};

export function createBackgroundFetch(options: BackgroundFetchClientOptions = {}): BackgroundFetchClient {
  const choice = options.engine ?? 'auto';
  if (!Object.hasOwn(ENGINE_ORDER, choice)) {
    throw new TypeError(
      `bgfetch: engine must be 'auto', 'native' or 'fallback', got ${JSON.stringify(choice)}`,
    );
  }
  const order = ENGINE_ORDER[choice];
  const factories: Record<EngineKind, EngineFactory | undefined> = {
    native: options.native ?? createNativeEngine(),
    fallback: options.fallback === false ? undefined : (options.fallback ?? createFallbackEngine()),
  };
  const store = options.store ?? createBackgroundFetchStore();
  const writer = createSnapshotWriter(store, options.scheduleFrame);
  const engines = new Map<EngineKind, Engine>();
  /** Ids between the duplicate check and their first snapshot: two concurrent calls must not both pass. */
  const starting = new Set<string>();
  let disposed = false;

  const disposeEngines = () => {
    for (const engine of engines.values()) engine.dispose();
  };

  const serviceWorker = watchServiceWorker(options.serviceWorker);
  const cacheName = options.cacheName ?? DEFAULT_RECORDS_CACHE;
  const memory = openFetchMemory();
  let persistenceAsked = options.requestPersistence !== true;

  /** The first engine of the chosen order that could start a fetch now. */
  const nextEngine = () =>
    order
      .map((kind) => engines.get(kind))
      .find((engine) => engine !== undefined && engine.unusableReason() === undefined);
  /** Puts the next engine in the store: after `ready`, and again when a service worker arrives. */
  const publishEngine = () => {
    if (disposed || !store.getState().ready) return;
    const engine = nextEngine();
    store.setState({ engine: engine?.kind, capabilities: engine?.capabilities ?? NO_CAPABILITIES });
  };
  const markRetryable = (ids: readonly string[]) =>
    store.setState((state) => {
      const retryable: Record<string, true> = Object.create(null);
      for (const id of [...Object.keys(state.retryable), ...ids]) retryable[id] = true;
      return { retryable };
    });

  const ready = (async () => {
    for (const kind of order) {
      const factory = factories[kind];
      if (factory) engines.set(kind, await factory({ serviceWorker, report: writer.write }));
    }
    if (disposed) return disposeEngines();
    await Promise.all([...engines.values()].map((engine) => engine.rehydrate()));
    await applyKeptOutcomes(cacheName, store, (message) => applyOutcome(message));
    markRetryable(await memory.ids().catch(() => []));
    await noteStoredFetches(cacheName, memory);
    if (disposed) return;
    store.setState({ ready: true });
    publishEngine();
  })();
  // `ready` is there to be awaited, not required: a failure surfaces from every call that needs it.
  ready.catch(() => {});
  const stopWatching = serviceWorker.subscribe(publishEngine);
  // What a settled fetch stored is noted, so that its records vanishing later shows as `missing` (library/).
  const stopNoting = watchSettled(store, (id) => void noteStoredFetches(cacheName, memory, id));

  const applyOutcome = (message: FetchOutcomeMessage) => {
    const known = selectRegistration(store.getState(), message.registration.id);
    if (isOutcomeOfAnotherRun(message, known)) return;
    writer.writeOutcome(snapshotFromOutcome(message, known, Date.now()));
  };
  const channel = openOutcomeChannel(applyOutcome);

  const activeSnapshot = (id: string) => {
    const snapshot = selectRegistration(store.getState(), id);
    return snapshot && !isSettled(snapshot) ? snapshot : undefined;
  };

  /** An engine after `kind` in the order that could run `job` now and honours all its options. */
  const laterHonours = (kind: EngineKind, job: ValidatedFetch) =>
    order.slice(order.indexOf(kind) + 1).some((later) => {
      const engine = engines.get(later);
      return (
        engine !== undefined &&
        engine.unusableReason() === undefined &&
        unhonoured(engine.capabilities, job.options) === undefined
      );
    });

  /**
   * Tries the engines in order; moves on only when one cannot run now, the browser refuses the call, or it would
   * leave an option undone (a bandwidth cap, a network policy) that a later one honours.
   */
  const startOnFirstWillingEngine = async (job: ValidatedFetch) => {
    const refusals: string[] = [];
    let ownError: unknown;
    for (const kind of order) {
      const engine = engines.get(kind);
      if (engine === undefined) {
        refusals.push(`the ${kind} engine was left out (${kind}: false)`);
        continue;
      }
      const reason = engine.unusableReason();
      if (reason !== undefined) {
        refusals.push(withoutPrefix(reason.message));
        ownError = reason;
        continue;
      }
      const missing = unhonoured(engine.capabilities, job.options);
      if (missing !== undefined && laterHonours(kind, job)) {
        refusals.push(`the ${kind} engine cannot ${missing}`);
        continue;
      }
      try {
        // Native records reach the service worker without the fetch's title or its requests' order: noted for it.
        // Noted for the other engines too where an entry may exist: landing checks a run against its index entry's
        // `integrity` and `accept`, which must be this run's, never an earlier native run's of the id.
        await noteFetchStart(cacheName, job, kind === 'native');
        return await engine.start(job);
      } catch (error) {
        if (!isRefusal(error)) throw error;
        refusals.push(`the browser refused the ${kind} fetch (${withoutPrefix(error.message)})`);
        ownError = error;
      }
    }
    // A caller who forced one engine gets that engine's own, spec-shaped error (e.g. rule 1's TypeError).
    if (order.length === 1 && ownError !== undefined) throw ownError;
    throw new DOMException(
      `bgfetch: no engine can run the fetch "${job.id}": ${refusals.join('; ')}`,
      'NotSupportedError',
    );
  };

  /** Pause, resume, priority and a fetch's own cap: the fetch's own engine does it, if it can. */
  const runOnEngine = async (
    id: string,
    action: keyof typeof ACTION_WORDS,
    /** Calls the engine's method; `undefined` when the engine has none. */
    run: (engine: Engine) => Promise<void> | undefined,
  ) => {
    const snapshot = activeSnapshot(id);
    if (snapshot === undefined) {
      throw new DOMException(
        `bgfetch: cannot ${ACTION_WORDS[action]} "${id}": no active fetch has that id`,
        'InvalidStateError',
      );
    }
    const engine = engines.get(snapshot.engine);
    const done = engine === undefined ? undefined : run(engine);
    if (done === undefined) {
      throw new DOMException(
        `bgfetch: the ${snapshot.engine} engine cannot ${ACTION_WORDS[action]} a fetch`,
        'NotSupportedError',
      );
    }
    await done;
  };

  /** `fetch()` after validation: one id at a time, the quota, the engines; the call is kept for `retry`. */
  const start = async (job: ValidatedFetch) => {
    await ready;
    if (starting.has(job.id) || activeSnapshot(job.id) !== undefined) {
      throw new TypeError(`bgfetch: a fetch with the id "${job.id}" is already active`);
    }
    starting.add(job.id);
    try {
      await checkQuota(job.options.downloadTotal, options.estimateStorage);
      // Read before an engine consumes the request bodies; kept only once the fetch has started.
      const remembered = memory.remember(job);
      const snapshot = await startOnFirstWillingEngine(job);
      if (!persistenceAsked) {
        persistenceAsked = true;
        requestPersistence().catch((error: unknown) => console.warn('bgfetch: persist() failed', error));
      }
      await remembered.then(
        () => markRetryable([job.id]),
        (error: unknown) => console.warn(`bgfetch: "${job.id}" could not be kept for retry`, error),
      );
      return snapshot;
    } finally {
      starting.delete(job.id);
    }
  };

  return {
    store,
    ready,

    async fetch(id, requests, fetchOptions) {
      return start(validateFetch(id, requests, fetchOptions, globalThis.location?.href));
    },

    async retry(id) {
      validateId(id);
      await ready;
      const job = await memory.recall(id);
      if (job === undefined) {
        throw new DOMException(
          `bgfetch: cannot retry "${id}": it was never started here; start it again with fetch()`,
          'NotSupportedError',
        );
      }
      return start(job);
    },

    async get(id) {
      validateId(id);
      await ready;
      return selectRegistration(store.getState(), id);
    },

    async getIds() {
      await ready;
      return Object.values(store.getState().registrations)
        .filter((snapshot) => !isSettled(snapshot))
        .map((snapshot) => snapshot.id);
    },

    async abort(id) {
      validateId(id);
      await ready;
      const snapshot = activeSnapshot(id);
      const engine = snapshot && engines.get(snapshot.engine);
      return engine ? engine.abort(id) : false;
    },

    async pause(id) {
      validateId(id);
      await ready;
      await runOnEngine(id, 'pause', (engine) => engine.pause?.(id));
    },

    async resume(id) {
      validateId(id);
      await ready;
      await runOnEngine(id, 'resume', (engine) => engine.resume?.(id));
    },

    async setPriority(id, priority) {
      validateId(id);
      const valid = validatePriority(priority, 'the priority');
      await ready;
      await runOnEngine(id, 'setPriority', (engine) => engine.setPriority?.(id, valid));
    },

    async setMaxBytesPerSecond(limit, id) {
      const valid = limit === null ? null : validateBytesPerSecond(limit, 'the bandwidth cap');
      if (id !== undefined) {
        validateId(id);
        await ready;
        return runOnEngine(id, 'setFetchMaxBytesPerSecond', (engine) =>
          engine.setFetchMaxBytesPerSecond?.(id, valid),
        );
      }
      await ready;
      const capping = [...engines.values()].filter((engine) => engine.setMaxBytesPerSecond !== undefined);
      if (capping.length === 0) {
        throw new DOMException('bgfetch: no engine here can cap the bandwidth', 'NotSupportedError');
      }
      await Promise.all(capping.map((engine) => engine.setMaxBytesPerSecond?.(valid)));
    },

    get engine() {
      return nextEngine()?.kind;
    },

    get capabilities() {
      return nextEngine()?.capabilities ?? NO_CAPABILITIES;
    },

    capabilitiesOf: (kind) => engines.get(kind)?.capabilities ?? NO_CAPABILITIES,

    applyOutcome,

    dispose() {
      disposed = true;
      stopWatching();
      stopNoting();
      channel?.close();
      writer.flush();
      writer.dispose();
      disposeEngines();
    },
  };
}

/** For joining engines' messages into one without repeating the kit's prefix. */
function withoutPrefix(message: string): string {
  return message.replace(/^bgfetch: /, '');
}

/**
 * Outcomes come from a service worker, so only a page or worker of a web origin listens; a server render (no
 * `location`) opens nothing that would keep its process alive.
 */
function openOutcomeChannel(apply: (message: FetchOutcomeMessage) => void): BroadcastChannel | undefined {
  if (globalThis.location === undefined || globalThis.BroadcastChannel === undefined) return undefined;
  const channel = new BroadcastChannel(OUTCOME_CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (isFetchOutcomeMessage(event.data)) apply(event.data);
  };
  return channel;
}

/** How errors name what the caller asked an engine to do. */
const ACTION_WORDS = {
  pause: 'pause',
  resume: 'resume',
  setPriority: 'change the priority of',
  setFetchMaxBytesPerSecond: 'cap the bandwidth of',
} as const;
