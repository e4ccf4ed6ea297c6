import type { BackgroundFetchServiceWorkerEventMap } from '@bgfetch/core';

export type {
  BackgroundFetchOutcome,
  RecordOutcome,
  RecordProblem,
  StoredFetch,
} from '@bgfetch/core/internal';
export { FETCH_INDEX_PATH, fetchIndexUrl } from '@bgfetch/core/internal';
export { installBackgroundFetchBridge } from './bridge.js';
export type { CacheNameOption } from './fetch-index.js';
export { deleteStoredFetch, getFetchResponses, getStoredFetch, getStoredOutcomes } from './fetch-index.js';
export type { HandleBackgroundFetchOptions } from './handlers.js';
export { handleBackgroundFetch } from './handlers.js';
export { notifyClients } from './outcome.js';
export type { ServiceWorkerPolyfillResult } from './polyfill.js';
export { installBackgroundFetchPolyfill } from './polyfill.js';
export { saveRecords } from './save-records.js';
export type { ServeStoredFetchesOptions } from './serve.js';
export { serveStoredFetches, storedResponse } from './serve.js';
export { updateUI } from './update-ui.js';

declare global {
  /**
   * The four Background Fetch events in the service worker's event map, so that in a service worker typed with the
   * WebWorker lib (`declare const self: ServiceWorkerGlobalScope`) `self.addEventListener('backgroundfetchsuccess',
   * (event) => …)` gets a typed event. In a program with the DOM lib this declares an interface nobody uses.
   */
  interface ServiceWorkerGlobalScopeEventMap extends BackgroundFetchServiceWorkerEventMap {}
}
