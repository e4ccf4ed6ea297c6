/**
 * `@bgfetch/core/internal`: the plumbing `@bgfetch/sw` and the tests share with core — wire formats between the
 * page, the fallback's worker and the service worker, the one landing path, stored-record readers, the polyfill's
 * classes, input validation and the names of caches, channels, locks and folders. Not for apps: it changes with
 * the packages, whatever their versions say. Apps use `@bgfetch/core` (docs/architecture.md, "Entries").
 */

export type { EngineContext, ReportSnapshot } from './client/engine.js';
export type { FrameScheduler } from './client/frame-scheduler.js';
export {
  claimFallbackDispatch,
  DEFAULT_RETRY,
  FALLBACK_CAPABILITIES,
  FALLBACK_CHANNEL_NAME,
  jobLockName,
} from './fallback/index.js';
export type { StorageEstimator } from './input/check-quota.js';
export { checkQuota } from './input/check-quota.js';
export type { FetchRequestInput, NormalizedFetchOptions, ValidatedFetch } from './input/validate.js';
export { validateFetch, validateId, validateOptions, validateRequests } from './input/validate.js';
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
export { storedResponses } from './library/stored-records.js';
export { NATIVE_CAPABILITIES } from './native/native-engine.js';
export { defineInterfaces } from './polyfill/define-interfaces.js';
export { BackgroundFetchManager as BackgroundFetchManagerPolyfill } from './polyfill/manager.js';
export { seePolyfilledFetches, serviceWorkerManagerFor } from './polyfill/service-worker-backend.js';
export {
  BackgroundFetchRecord as BackgroundFetchRecordPolyfill,
  createBackgroundFetchRecord,
} from './spec/record.js';
export type { MatchOptions, RequestLike } from './spec/request-matches.js';
export { matchingRecords, requestMatches } from './spec/request-matches.js';
export { describeError } from './support/errors.js';
export type { FetchOutcomeMessage } from './wire/outcome.js';
export { isFetchOutcomeMessage, OUTCOME_CHANNEL_NAME } from './wire/outcome.js';
export { FALLBACK_FILE_DIRECTORY, type FileOpener, settledFiles } from './wire/stored-file.js';
export type {
  BridgeDispatchAnswer,
  BridgeDispatchClaimed,
  BridgeDispatchDone,
  BridgeDispatchMessage,
  BridgeEventType,
  StoredRecord,
  StoredRequest,
  StoredResponse,
} from './wire/stored-record.js';
export {
  FALLBACK_CHUNK_CACHE,
  isBridgeDispatchMessage,
  openStoredBody,
  openStoredRequest,
  openStoredResponse,
} from './wire/stored-record.js';
