export type { RetryPolicy } from './backoff.js';
export { DEFAULT_RETRY } from './backoff.js';
export { claimFallbackDispatch } from './dispatch-claim.js';
export type { FallbackEngineOptions } from './engine.js';
export {
  createFallbackEngine,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MAX_CONCURRENT_JOBS,
  FALLBACK_CAPABILITIES,
} from './engine.js';
export { FALLBACK_CHANNEL_NAME, jobLockName } from './protocol.js';
