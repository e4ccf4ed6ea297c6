import {
  type BackgroundFetchClient,
  createBackgroundFetch,
  createFallbackEngine,
  type RegistrationSnapshot,
} from '@bgfetch/core';
import { FALLBACK_CHANNEL_NAME, FALLBACK_CHUNK_CACHE, FALLBACK_FILE_DIRECTORY } from '@bgfetch/core/internal';
import { getFetchResponses } from '@bgfetch/sw';
import { openDB } from 'idb';
import { controlledBy } from '../shared/controlled';
import {
  type BridgeEventSummary,
  CLOCK_CHANNEL,
  type FallbackApi,
  type FallbackPageConfig,
  SW_EVENTS_CACHE,
  SW_STARTED_CACHE,
} from './api';

let client: BackgroundFetchClient | undefined;
const histories = new Map<string, RegistrationSnapshot[]>();
const reports = new Map<string, RegistrationSnapshot[]>();

new BroadcastChannel(FALLBACK_CHANNEL_NAME).onmessage = (event: MessageEvent) => {
  const { type, snapshot } = event.data as { type: string; snapshot?: RegistrationSnapshot };
  if (type !== 'snapshot' || snapshot === undefined) return;
  // Appended in place: a copy per report would cost the bench's many-request jobs time that grows with their size.
  const list = reports.get(snapshot.id) ?? [];
  list.push(snapshot);
  reports.set(snapshot.id, list);
};

function started(): BackgroundFetchClient {
  if (client === undefined) throw new Error('call fallback.start() first');
  return client;
}

function record(snapshot: RegistrationSnapshot) {
  const history = histories.get(snapshot.id) ?? [];
  if (history.at(-1) !== snapshot) history.push(snapshot);
  histories.set(snapshot.id, history);
}

async function start(config: FallbackPageConfig): Promise<void> {
  const serviceWorker = config.serviceWorker ? await controlledBy() : undefined;
  // Forced fallback in every engine (Chromium included): the native API is not used by these tests at all.
  client = createBackgroundFetch({
    engine: 'fallback',
    fallback: createFallbackEngine({
      ...config.engine,
      ...(config.steppedClock
        ? {
            createWorker: () =>
              new Worker(new URL('./stepped-clock-worker.ts', import.meta.url), { type: 'module' }),
          }
        : {}),
      ...(config.brokenWorker ? { createWorker: () => brokenWorker(config.brokenWorker!) } : {}),
    }),
    ...(serviceWorker ? { serviceWorker } : {}),
  });
  client.store.subscribe((state) => {
    for (const snapshot of Object.values(state.registrations)) record(snapshot);
  });
  await client.ready;
  for (const snapshot of Object.values(client.store.getState().registrations)) record(snapshot);
}

/** A worker that never answers the engine: its script is a 404, or throws before it listens. */
function brokenWorker(kind: 'missing' | 'throws'): Worker {
  const script =
    kind === 'missing'
      ? new URL('./no-such-worker.js', import.meta.url)
      : URL.createObjectURL(new Blob(['throw new Error("the worker broke")'], { type: 'text/javascript' }));
  return new Worker(script, { type: 'module' });
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

window.fallback = {
  start,
  fetch: (id, requests, options) =>
    started().fetch(
      id,
      requests.map((spec) =>
        typeof spec === 'string'
          ? spec
          : new Request(spec.url, {
              method: spec.method ?? 'GET',
              ...(spec.body === undefined ? {} : { body: spec.body }),
              ...(spec.integrity === undefined ? {} : { integrity: spec.integrity }),
            }),
      ),
      options,
    ),
  abort: (id) => started().abort(id),
  pause: (id) => started().pause(id),
  resume: (id) => started().resume(id),
  setPriority: (id, priority) => started().setPriority(id, priority),
  setMaxBytesPerSecond: (limit, id) => started().setMaxBytesPerSecond(limit, id),
  capabilities: () => started().capabilities,
  snapshot: (id) => started().store.getState().registrations[id],
  history: (id) => histories.get(id) ?? [],
  storeIds: () => Object.keys(started().store.getState().registrations),
  reports: (id) => reports.get(id) ?? [],
  async record(cacheName, url) {
    if (!(await caches.has(cacheName))) return null;
    const response = await (await caches.open(cacheName)).match(url);
    if (response === undefined) return null;
    const body = await response.arrayBuffer();
    return {
      sha256: toHex(await crypto.subtle.digest('SHA-256', body)),
      bytes: body.byteLength,
      status: response.status,
    };
  },
  async loseStoredBytes() {
    await caches.delete(FALLBACK_CHUNK_CACHE);
    const root = await navigator.storage.getDirectory?.().catch(() => undefined);
    await root?.removeEntry(FALLBACK_FILE_DIRECTORY, { recursive: true }).catch(() => {});
  },
  async storage() {
    const names = (await caches.keys()).sort();
    const chunks = names.includes(FALLBACK_CHUNK_CACHE)
      ? (await (await caches.open(FALLBACK_CHUNK_CACHE)).keys()).length
      : 0;
    const known = (await indexedDB.databases?.())?.some((db) => db.name === 'bgfetch') ?? true;
    let jobs: string[] = [];
    let requests = 0;
    if (known) {
      const db = await openDB('bgfetch');
      jobs = db.objectStoreNames.contains('jobs') ? ((await db.getAllKeys('jobs')) as string[]) : [];
      requests = db.objectStoreNames.contains('requests') ? await db.count('requests') : 0;
      db.close();
    }
    return { caches: names, chunks, files: await countFiles(), jobs, requests };
  },
  async bridgeEvents() {
    if (!(await caches.has(SW_EVENTS_CACHE))) return [];
    const cache = await caches.open(SW_EVENTS_CACHE);
    const summaries = await Promise.all(
      (await cache.keys()).map(
        async (key) => (await (await cache.match(key))!.json()) as BridgeEventSummary & { at: number },
      ),
    );
    return summaries.sort((a, b) => a.at - b.at);
  },
  holdNewerDatabase: () =>
    new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('bgfetch', 99);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    }),
  async heldLocks() {
    return ((await navigator.locks.query()).held ?? []).map((lock) => lock.name ?? '');
  },
  stepClockBack(ms) {
    const channel = new BroadcastChannel(CLOCK_CHANNEL);
    channel.postMessage({ stepBackMs: ms });
    channel.close();
  },
  async handlersStarted(id) {
    if (!(await caches.has(SW_STARTED_CACHE))) return 0;
    const keys = await (await caches.open(SW_STARTED_CACHE)).keys();
    return keys.filter((key) => key.url.endsWith(`-${id}`)).length;
  },
  fetchResponses: async (id) => (await getFetchResponses(id)).map((found) => found.url),
  async estimate() {
    if (!navigator.storage?.estimate) return null;
    const { quota = 0, usage = 0 } = await navigator.storage.estimate();
    return { quota, usage };
  },
} satisfies FallbackApi;

/** Files in the fallback's directory (none where the browser has no origin private file system). */
async function countFiles(): Promise<number> {
  let count = 0;
  try {
    const root = await navigator.storage.getDirectory();
    const directory = await root.getDirectoryHandle(FALLBACK_FILE_DIRECTORY);
    for await (const _ of directory.keys()) count++;
  } catch {
    // No file system, or no directory yet: no files.
  }
  return count;
}
