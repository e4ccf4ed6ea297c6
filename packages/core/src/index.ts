/**
 * `@bgfetch/core`: what an app uses — the client and its store, the engines, the selectors, the polyfill, and the
 * types of snapshots and of the spec. Plumbing shared with `@bgfetch/sw` lives behind `@bgfetch/core/internal`.
 */
export type {
  BackgroundFetchClient,
  BackgroundFetchClientOptions,
  EngineChoice,
} from './client/client.js';
export { createBackgroundFetch } from './client/client.js';
export type { Engine, EngineCapabilities, EngineFactory } from './client/engine.js';
export type { NetworkPolicy } from './client/network-policy.js';
export type { FetchPriority } from './client/priority.js';
export { FETCH_PRIORITIES } from './client/priority.js';
export type { RateSampler, RateSamplerOptions } from './client/rate-sampler.js';
export { createRateSampler } from './client/rate-sampler.js';
export {
  selectBytesPerSecond,
  selectExpectedBytes,
  selectFraction,
  selectRegistration,
  selectSecondsLeft,
} from './client/selectors.js';
export type { ServiceWorkerWatch } from './client/service-worker-watch.js';
export type {
  EngineKind,
  FetchStatus,
  PauseReason,
  RegistrationSnapshot,
  RequestProgress,
} from './client/snapshot.js';
export { isSettled } from './client/snapshot.js';
export type { BackgroundFetchState, BackgroundFetchStore } from './client/store.js';
export { createBackgroundFetchStore, getInitialState } from './client/store.js';
export type { FallbackEngineOptions, RetryPolicy } from './fallback/index.js';
export { createFallbackEngine, DEFAULT_CHUNK_SIZE, DEFAULT_MAX_CONCURRENT_JOBS } from './fallback/index.js';
export { isQuotaError } from './fallback/storage-full.js';
export type { AcceptedResponses } from './input/accept.js';
export type { FetchConnections, FetchOptions, FetchRequestInput } from './input/validate.js';
export type { StoredDownload, StoredDownloadState } from './library/download-state.js';
export type { DownloadsLibrary, DownloadsLibraryOptions } from './library/library.js';
export { createDownloadsLibrary } from './library/library.js';
export type { StorageState } from './library/persistence.js';
export type { NativeEngineOptions } from './native/native-engine.js';
export { createNativeEngine } from './native/native-engine.js';
export type { BackgroundFetchPolyfillOptions, BackgroundFetchPolyfillResult } from './polyfill/index.js';
export { installBackgroundFetchPolyfill } from './polyfill/index.js';
export type {
  BackgroundFetchEvent,
  BackgroundFetchFailureReason,
  BackgroundFetchManager,
  BackgroundFetchOptions,
  BackgroundFetchRecord,
  BackgroundFetchRegistration,
  BackgroundFetchRegistrationEventMap,
  BackgroundFetchResult,
  BackgroundFetchServiceWorkerEventMap,
  BackgroundFetchUIOptions,
  BackgroundFetchUpdateUIEvent,
  ImageResource,
} from './spec/spec-types.js';
export { DEFAULT_RECORDS_CACHE } from './wire/stored-record.js';
