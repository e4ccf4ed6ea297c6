export type { StoredFetch } from './fetch-index.js';
export {
  FETCH_INDEX_PATH,
  fetchIndexUrl,
  isIndexUrl,
  readStoredFetch,
  readStoredFetches,
  writeOutcome,
  writeStoredFetch,
} from './fetch-index.js';
export type { LandingRecord } from './land.js';
export { landRecords, landStoredRecords, storedBackgroundFetchRecord } from './land.js';
export type { BackgroundFetchOutcome, RecordOutcome, RecordProblem, Verdict } from './outcome.js';
export { createOutcome, verdictOf } from './outcome.js';
export { verifyBody } from './verify.js';
