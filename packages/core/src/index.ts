export type { StorageEstimator } from './check-quota.js';
export { checkQuota } from './check-quota.js';
export type {
  BackgroundFetchClient,
  BackgroundFetchClientOptions,
  EngineChoice,
} from './client.js';
export { createBackgroundFetch } from './client.js';
export type { Engine, EngineCapabilities, EngineContext, EngineFactory, ReportSnapshot } from './engine.js';
export type { FallbackEngineOptions, RetryPolicy } from './fallback/index.js';
export {
  claimFallbackDispatch,
  createFallbackEngine,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_RETRY,
  FALLBACK_CAPABILITIES,
  FALLBACK_CHANNEL_NAME,
  jobLockName,
} from './fallback/index.js';
export { isQuotaError } from './fallback/storage-full.js';
export type { FrameScheduler } from './frame-scheduler.js';
export type {
  BackgroundFetchOutcome,
  LandingRecord,
  RecordOutcome,
  RecordProblem,
  StoredFetch,
  Verdict,
} from './landing/index.js';
export {
  createOutcome,
  FETCH_INDEX_PATH,
  fetchIndexUrl,
  isIndexUrl,
  landRecords,
  readStoredFetch,
  readStoredFetches,
  storedBackgroundFetchRecord,
  verdictOf,
  writeOutcome,
} from './landing/index.js';
export type { NativeEngineOptions } from './native-engine.js';
export { createNativeEngine, NATIVE_CAPABILITIES } from './native-engine.js';
export type { FetchOutcomeMessage } from './outcome.js';
export { isFetchOutcomeMessage, OUTCOME_CHANNEL_NAME } from './outcome.js';
export type { BackgroundFetchPolyfillOptions, BackgroundFetchPolyfillResult } from './polyfill/index.js';
export { installBackgroundFetchPolyfill } from './polyfill/index.js';
export { BackgroundFetchManager as BackgroundFetchManagerPolyfill } from './polyfill/manager.js';
export { seePolyfilledFetches, serviceWorkerManagerFor } from './polyfill/service-worker-backend.js';
export type { RateSampler, RateSamplerOptions } from './rate-sampler.js';
export { createRateSampler } from './rate-sampler.js';
export {
  BackgroundFetchRecord as BackgroundFetchRecordPolyfill,
  createBackgroundFetchRecord,
} from './record.js';
export type { MatchOptions, RequestLike } from './request-matches.js';
export { matchingRecords, requestMatches } from './request-matches.js';
export {
  selectBytesPerSecond,
  selectExpectedBytes,
  selectFraction,
  selectRegistration,
  selectSecondsLeft,
} from './selectors.js';
export type { ServiceWorkerWatch } from './service-worker-watch.js';
export type { EngineKind, FetchStatus, RegistrationSnapshot, RequestProgress } from './snapshot.js';
export { isSettled } from './snapshot.js';
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
} from './spec-types.js';
export type { BackgroundFetchState, BackgroundFetchStore } from './store.js';
export { createBackgroundFetchStore, getInitialState } from './store.js';
export { FALLBACK_FILE_DIRECTORY } from './stored-file.js';
export type {
  BridgeDispatchAnswer,
  BridgeDispatchClaimed,
  BridgeDispatchDone,
  BridgeDispatchMessage,
  BridgeEventType,
  StoredRecord,
  StoredRequest,
  StoredResponse,
} from './stored-record.js';
export {
  DEFAULT_RECORDS_CACHE,
  FALLBACK_CHUNK_CACHE,
  isBridgeDispatchMessage,
  openStoredBody,
  openStoredRequest,
  openStoredResponse,
} from './stored-record.js';
export type { FetchRequestInput, NormalizedFetchOptions, ValidatedFetch } from './validate.js';
export { validateFetch, validateId, validateOptions, validateRequests } from './validate.js';
