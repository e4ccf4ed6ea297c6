import { JOBS_STORE, jobsConnection, requestAbort } from '../fallback/db.js';
import { snapshotOf, storedRecordOf } from '../fallback/job.js';
import { readJob } from '../fallback/job-records.js';
import { type ChannelMessage, FALLBACK_CHANNEL_NAME } from '../fallback/protocol.js';
import { INTERNAL } from '../spec/illegal-constructor.js';
import type { PolyfillBackend } from './backend.js';
import { managerFor } from './manager.js';
import { fallBackWhenRefused } from './refusal.js';
import { BackgroundFetchRegistration, updateRegistration } from './registration.js';
import { hasStoredFetches } from './stored-fetches.js';

/**
 * The polyfill's `registration.backgroundFetch` inside the service worker. Fetches run in pages (the fallback's
 * workers), so here `get()` and `getIds()` read the jobs from the fallback's IndexedDB, a registration follows its
 * job on the fallback's channel and `abort()` flags it for the tab that runs it. `fetch()` is refused with
 * `NotAllowedError`, as Chromium refuses it in a service worker.
 */
export function serviceWorkerManagerFor(registration: ServiceWorkerRegistration) {
  return managerFor(registration, serviceWorkerBackend);
}

/**
 * Where the service worker has the browser's own `registration.backgroundFetch`, `get()` / `getIds()` also see the
 * fetches pages ran on the polyfill (a refused native fetch, or a page without the API).
 */
export function seePolyfilledFetches(): void {
  fallBackWhenRefused({
    managerFor: serviceWorkerManagerFor,
    backendOf: async () => ((await hasStoredFetches()) ? serviceWorkerBackend() : undefined),
  });
}

let backend: PolyfillBackend | undefined;

function serviceWorkerBackend(): PolyfillBackend {
  backend ??= createServiceWorkerBackend();
  return backend;
}

function createServiceWorkerBackend(): PolyfillBackend {
  const jobs = jobsConnection();
  // Reading creates the database if it is missing: where no page ran a polyfilled fetch, there is nothing to read.
  const readHeads = async () => ((await hasStoredFetches()) ? (await jobs()).getAll(JOBS_STORE) : []);
  const readOne = async (id: string) => ((await hasStoredFetches()) ? readJob(await jobs(), id) : undefined);
  /** One object per fetch while it runs; a new fetch reusing the id (a later start) gets a new one. */
  const live = new Map<string, { startedAt: number; registration: BackgroundFetchRegistration }>();
  const channel = new BroadcastChannel(FALLBACK_CHANNEL_NAME);
  channel.onmessage = ({ data }: MessageEvent<ChannelMessage>) => {
    if (data.type !== 'snapshot') return;
    const registration = live.get(data.snapshot.id)?.registration;
    if (registration === undefined) return;
    updateRegistration(registration, data.snapshot);
    if (registration.result !== '') live.delete(data.snapshot.id);
  };
  const source = {
    abort: async (id: string) => {
      const aborted = await requestAbort(await jobs(), id);
      if (aborted) channel.postMessage({ type: 'flags', id } satisfies ChannelMessage);
      return aborted;
    },
    records: async (id: string) => (await readJob(await jobs(), id))?.requests.map(storedRecordOf),
  };

  return {
    fetch: async () => {
      throw new DOMException(
        'bgfetch: start background fetches from a page: the polyfill runs them in the page, and Chromium refuses them in a service worker too',
        'NotAllowedError',
      );
    },
    get: async (id) => {
      const job = await readOne(id);
      if (job === undefined || job.outcome !== null) return undefined;
      const known = live.get(id);
      if (known?.startedAt === job.startedAt) return known.registration;
      const registration = new BackgroundFetchRegistration(
        INTERNAL,
        snapshotOf(job, [], navigator.onLine),
        source,
      );
      live.set(id, { startedAt: job.startedAt, registration });
      return registration;
    },
    getIds: async () => (await readHeads()).filter((job) => job.outcome === null).map((job) => job.id),
  };
}
