import { proxy, type Remote, releaseProxy, wrap } from 'comlink';
import type { Engine, EngineCapabilities, EngineFactory } from '../client/engine.js';
import { watchNetwork } from '../client/network-watch.js';
import type { ServiceWorkerWatch } from '../client/service-worker-watch.js';
import { refuseWhatPagePolicyForbids } from '../input/page-policy.js';
import { requestInputOf } from '../input/request-input.js';
import { type ValidatedFetch, validateBytesPerSecond } from '../input/validate.js';
import {
  type BridgeDispatchAnswer,
  type BridgeDispatchMessage,
  DEFAULT_RECORDS_CACHE,
} from '../wire/stored-record.js';
import { type RetryPolicy, retryPolicy } from './backoff.js';
import { tellsConnectionType } from './metered-network.js';
import type {
  HandoffAnswer,
  HandoffMessage,
  JobInput,
  WorkerApi,
  WorkerHost,
  WorkerSettings,
} from './protocol.js';

/**
 * What the fallback does: pause and resume; resume after a browser restart (on the next visit); nothing while no
 * page of the origin is open; request bodies are sent (and re-sent whole on a retry); one queue with priorities
 * for the origin's jobs (`maxConcurrentJobs`); bandwidth caps; a large request fetched as ranges over several
 * connections. Where the browser tells the connection's type the running engine's capabilities add
 * `networkPolicy` (metered-network.ts).
 */
export const FALLBACK_CAPABILITIES: EngineCapabilities = Object.freeze({
  pause: true,
  queue: true,
  resumeAfterRestart: true,
  continuesWhenClosed: false,
  uploads: true,
  connections: true,
  networkPolicy: false,
  bandwidthCap: true,
});

export const DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;
export const DEFAULT_MAX_CONCURRENT_JOBS = 3;

export interface FallbackEngineOptions {
  /** Bytes per stored chunk (default 8 MiB): at most this much is fetched again after a drop. */
  chunkSize?: number;
  /**
   * Retries of transient failures (network errors, stalls, `statuses`: 408/429/502/503/504 by default, with their
   * `Retry-After`); any other non-2xx status fails at once (`bad-status`); see `RetryPolicy`.
   */
  retry?: Partial<RetryPolicy>;
  /** A request whose body gives no byte for this long is dropped and retried (default 30 s). */
  stallTimeoutMs?: number;
  /**
   * A request that has no answer (status and headers) this long after it was sent is dropped and retried (default
   * 60 s). It counts from the request's own start: a request waiting for a connection is not sent yet.
   */
  headerTimeoutMs?: number;
  /**
   * Requests of the worker's jobs in flight per origin at once (default 6, a browser's HTTP/1.1 connections per
   * host); the others wait their turn without a clock running. Raise it for HTTP/2 origins.
   */
  connectionsPerHost?: number;
  /**
   * Jobs of the origin downloading at once, across all its tabs (default 3); the others are `pending` with their
   * `queuePosition`, and start by `priority`, then in the order they came. Give every page of the origin the same
   * value: each tab admits jobs by its own.
   */
  maxConcurrentJobs?: number;
  /** Where the page-side default handler puts records when no service worker takes them (default `DEFAULT_RECORDS_CACHE`). */
  cacheName?: string;
  /**
   * How long the active service worker may take to claim a settled job's event before the page stores it itself
   * (default 120 s), and how long a worker that claimed it may go without a word. With no active worker known at
   * that moment the page stores it at once.
   */
  handoffTimeoutMs?: number;
  /** At most one progress report per this many ms per fetch (default 100). */
  progressIntervalMs?: number;
  /**
   * Bytes a second over every fetch this page's worker runs (default: no cap), so that downloads leave room for
   * the rest of the app (a video call). Each tab's worker holds its own jobs to its own cap: give every page of the
   * origin the same value. Change it later with `client.setMaxBytesPerSecond`. A fetch's own `maxBytesPerSecond`
   * applies on top.
   */
  maxBytesPerSecond?: number;
  /** Makes the worker, for bundlers that need another URL or tests (default: the package's `worker.js`). */
  createWorker?: () => Worker;
}

/** The fallback engine, for `createBackgroundFetch({ fallback: createFallbackEngine() })`. */
export function createFallbackEngine(options: FallbackEngineOptions = {}): EngineFactory {
  const settings = settingsFrom(options);
  const handoffTimeoutMs = positive('handoffTimeoutMs', options.handoffTimeoutMs ?? 120_000);
  return async ({ serviceWorker, report }) => {
    const missing = missingPlatform();
    if (missing !== undefined) return unusableEngine(`needs ${missing}, which is missing here`);
    const worker =
      options.createWorker?.() ?? new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
    const api: Remote<WorkerApi> = wrap<WorkerApi>(worker);
    const host: WorkerHost = {
      report,
      handoff: (message) => handOff(message, serviceWorker, handoffTimeoutMs),
    };
    const failure = await workerFailure(
      worker,
      api.init({ ...settings, online: navigator.onLine }, proxy(host)),
    );
    if (failure !== undefined) {
      api[releaseProxy]();
      worker.terminate();
      return unusableEngine(
        `could not start its worker (${failure}): an app's bundler must emit @bgfetch/core's worker script, and ` +
          'its Content-Security-Policy allow it (worker-src)',
      );
    }
    const capabilities = Object.freeze({ ...FALLBACK_CAPABILITIES, networkPolicy: tellsConnectionType() });
    // The page forwards its network events, and the worker listens to no others: WebKit's emulated offline (and
    // some engines' real one) reaches only the page, and the worker must stop as the page sees it.
    const stopWatchingNetwork = watchNetwork((online) => void api.setOnline(online));

    return {
      kind: 'fallback',
      capabilities,
      unusableReason: () => undefined,
      // The worker's own reports cross on the host proxy's port, which may deliver after these answers: the page
      // reports what it resolves with too, so the store holds it once the call resolves (a repeat is harmless).
      start: async (job) => {
        await refuseWhatPagePolicyForbids(job.requests);
        const first = await api.start(await jobInput(job));
        report(first);
        return first;
      },
      rehydrate: async () => {
        for (const snapshot of await api.rehydrate()) report(snapshot);
      },
      abort: (id) => api.abort(id),
      records: (id) => api.records(id),
      pause: (id) => api.pause(id),
      resume: (id) => api.resume(id),
      setPriority: (id, priority) => api.setPriority(id, priority),
      setMaxBytesPerSecond: (limit) => api.setMaxBytesPerSecond(limit),
      setFetchMaxBytesPerSecond: (id, limit) => api.setJobMaxBytesPerSecond(id, limit),
      dispose: () => {
        stopWatchingNetwork();
        api[releaseProxy]();
        // The downloads stop with the worker; the next page (or client) resumes them from IndexedDB.
        worker.terminate();
      },
    } satisfies Engine;
  };
}

function settingsFrom(options: FallbackEngineOptions): Omit<WorkerSettings, 'online'> {
  return {
    chunkSize: positive('chunkSize', options.chunkSize ?? DEFAULT_CHUNK_SIZE),
    retry: retryPolicy(options.retry),
    stallTimeoutMs: positive('stallTimeoutMs', options.stallTimeoutMs ?? 30_000),
    headerTimeoutMs: positive('headerTimeoutMs', options.headerTimeoutMs ?? 60_000),
    connectionsPerHost: positive('connectionsPerHost', options.connectionsPerHost ?? 6),
    maxConcurrentJobs: positive(
      'maxConcurrentJobs',
      options.maxConcurrentJobs ?? DEFAULT_MAX_CONCURRENT_JOBS,
    ),
    cacheName: options.cacheName ?? DEFAULT_RECORDS_CACHE,
    progressIntervalMs: positive('progressIntervalMs', options.progressIntervalMs ?? 100),
    maxBytesPerSecond:
      options.maxBytesPerSecond === undefined
        ? null
        : validateBytesPerSecond(options.maxBytesPerSecond, 'maxBytesPerSecond'),
  };
}

function positive(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(`bgfetch: ${name} must be a positive whole number, got ${String(value)}`);
  }
  return value;
}

function missingPlatform(): string | undefined {
  const needed = {
    Worker: 'Worker',
    indexedDB: 'indexedDB',
    caches: 'caches',
    locks: 'navigator.locks',
  } as const;
  for (const [key, name] of Object.entries(needed)) {
    const present =
      key === 'locks' ? globalThis.navigator?.locks : (globalThis as Record<string, unknown>)[key];
    if (present === undefined) return name;
  }
  return undefined;
}

/**
 * Waits for the worker's `init`: `undefined` once it answered, or what went wrong when the worker fired `error`
 * first. A worker whose script did not load (not emitted by the app's bundler, a 404, refused by the page's CSP) or
 * threw as it ran answers nothing, ever: without this the client's `ready` would wait for ever.
 */
function workerFailure(worker: Worker, init: Promise<void>): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const failed = (event: Event) =>
      resolve(
        event instanceof ErrorEvent && event.message !== '' ? event.message : 'its script did not load',
      );
    worker.addEventListener('error', failed, { once: true });
    init.then(() => resolve(undefined), reject).finally(() => worker.removeEventListener('error', failed));
  });
}

/** An engine that refuses every fetch, saying why (`bgfetch: the fallback engine <reason>`). */
function unusableEngine(why: string): Engine {
  const reason = () => new DOMException(`bgfetch: the fallback engine ${why}`, 'NotSupportedError');
  return {
    kind: 'fallback',
    capabilities: FALLBACK_CAPABILITIES,
    unusableReason: reason,
    start: async () => {
      throw reason();
    },
    rehydrate: async () => {},
    abort: async () => false,
    dispose: () => {},
  };
}

async function jobInput({ id, requests, options }: ValidatedFetch): Promise<JobInput> {
  return {
    id,
    title: options.title,
    icons: options.icons,
    downloadTotal: options.downloadTotal,
    priority: options.priority,
    ...(options.network === undefined ? {} : { network: options.network }),
    ...(options.maxBytesPerSecond === undefined ? {} : { maxBytesPerSecond: options.maxBytesPerSecond }),
    requests: await Promise.all(
      requests.map(async (request) => ({
        ...(await requestInputOf(request)),
        ...(options.accept === undefined ? {} : { accept: options.accept }),
        ...(options.connections === 'auto' ? {} : { connections: options.connections }),
      })),
    ),
  };
}

/**
 * Posts the job's event to the active service worker's bridge, and waits while it answers: a claim at once, then
 * one every `leaseMs / 3` while its handlers work, then the end (docs/architecture.md, "Hand-off"). `'none'` when no
 * worker is known now: the page lands the records itself rather than wait for one that may never come (the app's
 * `serviceWorker` promise may never settle). No claim within `timeoutMs`: `'silent'`. A claimed run whose worker
 * goes silent for `timeoutMs` (it was stopped) counts as handled: it may have run the app's handler, which must not
 * run twice.
 */
async function handOff(
  message: HandoffMessage,
  serviceWorker: ServiceWorkerWatch,
  timeoutMs: number,
): Promise<HandoffAnswer> {
  const active = serviceWorker.current()?.active;
  if (!active) return 'none';
  const channel = new MessageChannel();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<HandoffAnswer>((resolve) => {
      let claimed = false;
      const wait = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (claimed)
            console.warn(`bgfetch: the service worker stopped answering for "${message.registration.id}"`);
          resolve(claimed ? 'handled' : 'silent');
        }, timeoutMs);
      };
      channel.port1.onmessage = ({ data }: MessageEvent<BridgeDispatchAnswer>) => {
        if (data.type === 'bgfetch:claimed') {
          claimed = true;
          wait();
          return;
        }
        if (!data.ok)
          console.warn(`bgfetch: the service worker's ${message.event} handler failed: ${data.error}`);
        resolve('handled');
      };
      wait();
      active.postMessage({ ...message, leaseMs: timeoutMs } satisfies BridgeDispatchMessage, [channel.port2]);
    });
  } finally {
    clearTimeout(timer);
    channel.port1.close();
  }
}
