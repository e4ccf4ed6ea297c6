import {
  type BackgroundFetchClient,
  createBackgroundFetch,
  createFallbackEngine,
  DEFAULT_RECORDS_CACHE,
} from '@bgfetch/core';
import { controlledBy } from '../shared/controlled';
import { type ClientPageApi, type ClientPageConfig, SW_SETTLED_CACHE } from './api';

let client: BackgroundFetchClient | undefined;
let readyState: string | null = null;

function made(): BackgroundFetchClient {
  if (client === undefined) throw new Error('call client.create() first');
  return client;
}

function serviceWorkerOf(config: ClientPageConfig) {
  if (config.serviceWorker === 'ready') return { serviceWorker: navigator.serviceWorker.ready };
  if (config.serviceWorker === 'never') return { serviceWorker: new Promise<never>(() => {}) };
  return {};
}

window.client = {
  create(config) {
    client = createBackgroundFetch({
      ...(config.engine === undefined ? {} : { engine: config.engine }),
      ...serviceWorkerOf(config),
      ...(config.fallback === 'given' ? { fallback: createFallbackEngine() } : {}),
      ...(config.fallback === false ? { fallback: false } : {}),
    });
    client.ready.then(
      () => {
        readyState = 'ready';
      },
      (error: unknown) => {
        readyState = error instanceof Error ? error.name : String(error);
      },
    );
  },
  readyState: () => readyState,
  engine: () => made().engine ?? null,
  fetch: (id, urls, { title, integrity } = {}) =>
    made().fetch(
      id,
      urls.map((url) => new Request(url, integrity === undefined ? {} : { integrity })),
      title === undefined ? {} : { title },
    ),
  retry: (id) => made().retry(id),
  storeClient() {
    const { ready, engine, retryable } = made().store.getState();
    return { ready, engine: engine ?? null, retryable: Object.keys(retryable) };
  },
  async get(id) {
    const found: unknown = await made().get(id);
    if (found === undefined) return { type: 'undefined' };
    const snapshot = found as { id?: unknown; status?: unknown };
    return { type: typeof found, id: String(snapshot.id), status: String(snapshot.status) };
  },
  getIds: () => made().getIds(),
  snapshot(id) {
    const { registrations } = made().store.getState();
    return Object.hasOwn(registrations, id) ? (registrations[id] ?? null) : null;
  },
  storeIds: () => Object.keys(made().store.getState().registrations),
  async register() {
    await controlledBy();
  },
  async registerStuck() {
    const registration = await navigator.serviceWorker.register('./sw.js?hold=1');
    if (registration.installing === null) throw new Error('client: the held worker is not installing');
  },
  async recordBytes(url) {
    const response = await (await caches.open(DEFAULT_RECORDS_CACHE)).match(url);
    return response === undefined ? null : (await response.arrayBuffer()).byteLength;
  },
  async swSettled() {
    if (!(await caches.has(SW_SETTLED_CACHE))) return [];
    const keys = await (await caches.open(SW_SETTLED_CACHE)).keys();
    return keys.map((key) => decodeURIComponent(new URL(key.url).pathname.replace('/__settled/', '')));
  },
} satisfies ClientPageApi;
