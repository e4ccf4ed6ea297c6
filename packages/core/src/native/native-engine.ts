import type { Engine, EngineCapabilities, EngineFactory } from '../client/engine.js';
import { watchNetwork } from '../client/network-watch.js';
import { selectExpectedBytes } from '../client/selectors.js';
import {
  type FetchStatus,
  type RegistrationSnapshot,
  type RequestProgress,
  settledStatus,
} from '../client/snapshot.js';
import type { ValidatedFetch } from '../input/validate.js';
import type { BackgroundFetchManager, BackgroundFetchRegistration } from '../spec/spec-types.js';
import { headLength } from './head-length.js';

/**
 * What Chromium's Background Fetch does, as measured (docs/browsers.md): it runs on with every page closed, but
 * a browser restart fails the fetch (`fetch-error`); it cannot pause; it sends request bodies (same-origin: a
 * cross-origin request needing a CORS preflight is accepted and then fails with `fetch-error`). It downloads on any
 * network at the speed it likes, each request over the one connection the browser picks: `network`,
 * `maxBytesPerSecond` and `connections` change nothing there.
 */
export const NATIVE_CAPABILITIES: EngineCapabilities = Object.freeze({
  pause: false,
  queue: false,
  resumeAfterRestart: false,
  continuesWhenClosed: true,
  uploads: true,
  connections: false,
  networkPolicy: false,
  bandwidthCap: false,
});

export interface NativeEngineOptions {
  /**
   * Settle on the browser's own `success` (default `false`). Chromium has reported `success` for a 0-byte body
   * after every attempt was cut, and for a `206` spliced from a changed file. So by default a native success
   * leaves the snapshot running (`result` still `''`) until the service worker, having stored and verified the
   * records, posts its outcome on `OUTCOME_CHANNEL_NAME`: `success`, or `failure` / `fetch-error`. With `true`,
   * the snapshot says `success` at once and a verdict that follows still overrules it (the UI may flip).
   */
  trustSuccess?: boolean;
}

/** What the page knows about a fetch that the registration does not tell. */
interface FetchMeta {
  title: string;
  startedAt: number;
  requests: RequestProgress[];
}

interface Followed {
  /** The object `fetch()` returned: aborting through one from `get(id)` crashed Chromium (docs/browsers.md). */
  registration: BackgroundFetchRegistration;
  meta: FetchMeta;
  stop(): void;
}

/**
 * The engine over the browser's Background Fetch. `fetch()` is called from the page (Chromium refuses it from a
 * service worker); each registration's `progress` events become snapshots until its `result` is set.
 */
export function createNativeEngine({ trustSuccess = false }: NativeEngineOptions = {}): EngineFactory {
  return ({ serviceWorker, report }) => {
    /** The manager of the registration known now: none until the app's service worker arrives. */
    const currentManager = () => {
      const registration = serviceWorker.current();
      return registration && 'BackgroundFetchManager' in globalThis
        ? registration.backgroundFetch
        : undefined;
    };
    const followed = new Map<string, Followed>();

    const snapshotOf = ({ registration, meta }: Followed): RegistrationSnapshot => {
      const { id, uploadTotal, uploaded, downloadTotal, downloaded, recordsAvailable } = registration;
      return {
        id,
        uploadTotal,
        uploaded,
        downloadTotal,
        downloaded,
        ...outcomeOf(
          registration,
          trustSuccess,
          selectExpectedBytes({ requests: meta.requests, downloadTotal }),
        ),
        recordsAvailable,
        engine: 'native',
        title: meta.title,
        requests: meta.requests,
        startedAt: meta.startedAt,
        updatedAt: Date.now(),
      };
    };

    const follow = (
      registration: BackgroundFetchRegistration,
      meta: FetchMeta,
      requests?: readonly Request[],
    ): RegistrationSnapshot => {
      followed.get(registration.id)?.stop();
      const entry: Followed = {
        registration,
        meta,
        stop: () => {
          registration.removeEventListener('progress', onProgress);
          if (followed.get(registration.id) === entry) followed.delete(registration.id);
        },
      };
      const onProgress = () => {
        report(snapshotOf(entry));
        if (registration.result !== '') entry.stop();
      };
      followed.set(registration.id, entry);
      registration.addEventListener('progress', onProgress);
      const first = snapshotOf(entry);
      report(first);
      // A fetch can be over before we listen (a 404 settles at once): no event would ever come.
      if (registration.result !== '') entry.stop();
      else if (registration.downloadTotal === 0 && requests !== undefined) learnTotals(entry, requests);
      return first;
    };

    /** Without the app's `downloadTotal`, each response's length from a `HEAD` (head-length.ts) gives the bar one. */
    const learnTotals = (entry: Followed, requests: readonly Request[]) => {
      for (const [index, request] of requests.entries()) {
        headLength(request).then((length) => {
          if (length === null || followed.get(entry.registration.id) !== entry) return;
          const known = entry.meta.requests.map((progress, at) =>
            at === index ? { ...progress, downloadTotal: length } : progress,
          );
          entry.meta = { ...entry.meta, requests: known };
          report(snapshotOf(entry));
        });
      }
    };

    /** Follows every fetch the manager has that this engine does not follow yet (reload, other tab). */
    const rehydrateFrom = async (manager: BackgroundFetchManager | undefined) => {
      if (manager === undefined) return;
      const ids = await manager.getIds();
      await Promise.all(
        ids
          .filter((id) => !followed.has(id))
          .map(async (id) => {
            const registration = await manager.get(id);
            if (registration === undefined) return;
            // The API does not expose a fetch's title or start time: '' and "now" are the honest values.
            follow(registration, {
              title: '',
              startedAt: Date.now(),
              requests: await requestsOf(registration),
            });
          }),
      );
    };

    // A worker registered after the engine was made: its fetches (started by another tab) are followed too.
    const unsubscribe = serviceWorker.subscribe(() => {
      rehydrateFrom(currentManager()).catch(() => {});
    });

    // Chromium holds a fetch while offline; the status says why nothing moves.
    const reportAll = () => {
      for (const entry of followed.values()) report(snapshotOf(entry));
    };
    const stopWatchingNetwork = watchNetwork(reportAll);

    const engine: Engine = {
      kind: 'native',
      capabilities: NATIVE_CAPABILITIES,

      unusableReason: () => {
        const registration = serviceWorker.current();
        const manager = currentManager();
        if (!('BackgroundFetchManager' in globalThis)) {
          return notSupported('this browser has no Background Fetch API (BackgroundFetchManager is missing)');
        }
        if (registration === undefined) {
          return new TypeError(
            'bgfetch: native Background Fetch needs a service-worker registration: none was given, none is registered yet, or registering failed',
          );
        }
        if (manager === undefined) {
          return notSupported('this service-worker registration has no backgroundFetch');
        }
        if (registration.active === null) {
          return new TypeError(
            `bgfetch: no active service worker for the scope ${registration.scope}: wait for navigator.serviceWorker.ready`,
          );
        }
        return undefined;
      },

      start: async ({ id, requests, options }: ValidatedFetch) => {
        const startedAt = Date.now();
        // `accept` is the kit's: the service worker checks it where the records land (noted at start, client.ts).
        const { accept: _, ...browserOptions } = options;
        const registration = await requireManager(currentManager()).fetch(id, requests, browserOptions);
        return follow(
          registration,
          { title: options.title, startedAt, requests: requests.map(progressOf) },
          requests,
        );
      },

      rehydrate: async () => {
        await serviceWorker.settled;
        await rehydrateFrom(currentManager());
      },

      abort: async (id) => {
        const entry = followed.get(id);
        const registration = entry?.registration ?? (await currentManager()?.get(id));
        if (registration === undefined) return false;
        const aborted = await registration.abort();
        if (aborted && entry !== undefined) {
          // abort() resolving true is the spec's promise of `failure` / `aborted`: settle now, so the store does not
          // depend on when the registration's own progress event arrives.
          report({ ...snapshotOf(entry), result: 'failure', failureReason: 'aborted', status: 'aborted' });
          entry.stop();
        }
        return aborted;
      },

      dispose: () => {
        unsubscribe();
        for (const entry of followed.values()) entry.stop();
        stopWatchingNetwork();
      },
    };
    return engine;
  };
}

function outcomeOf(
  registration: BackgroundFetchRegistration,
  trustSuccess: boolean,
  total: number | undefined,
): Pick<RegistrationSnapshot, 'result' | 'failureReason' | 'status'> {
  const { result, failureReason } = registration;
  if (result === 'failure' || (result === 'success' && trustSuccess)) {
    return { result, failureReason, status: settledStatus(result, failureReason) };
  }
  // Running, or a success that waits for the service worker's verdict (see `trustSuccess`).
  return { result: '', failureReason: '', status: runningStatus(registration, total) };
}

function runningStatus(registration: BackgroundFetchRegistration, total: number | undefined): FetchStatus {
  // Every byte arrived (or the browser says success): the service worker is storing and verifying the records.
  const downloadedAll = total !== undefined && total > 0 && registration.downloaded >= total;
  if (registration.result === 'success' || downloadedAll) return 'saving';
  if (globalThis.navigator?.onLine === false) return 'offline';
  // Chromium runs separate fetches one at a time and waits seconds before the first: until bytes move, it is queued.
  return registration.downloaded + registration.uploaded === 0 ? 'pending' : 'fetching';
}

function progressOf(request: Request): RequestProgress {
  return { url: request.url, method: request.method, downloaded: null, downloadTotal: null, status: null };
}

async function requestsOf(registration: BackgroundFetchRegistration): Promise<RequestProgress[]> {
  try {
    const records = await registration.matchAll();
    return records.map((record) => progressOf(record.request));
  } catch {
    // Records can already be gone (the fetch settled meanwhile): the snapshot still has every figure that matters.
    return [];
  }
}

function requireManager(manager: BackgroundFetchManager | undefined): BackgroundFetchManager {
  if (manager === undefined) throw notSupported('native Background Fetch is not available here');
  return manager;
}

function notSupported(problem: string): DOMException {
  return new DOMException(`bgfetch: ${problem}`, 'NotSupportedError');
}
