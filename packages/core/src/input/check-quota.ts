/**
 * conformance rule 5: a `downloadTotal` the origin's storage cannot hold rejects with `QuotaExceededError` before
 * anything starts. Engine-neutral, so the client runs it for both engines.
 */

/** `navigator.storage.estimate`, or a stand-in. */
export type StorageEstimator = () => Promise<StorageEstimate>;

/**
 * Resolves when `downloadTotal` fits the free space the estimator reports. Where the browser has no estimate
 * (WebKit without its StorageAPI features) nothing can be known up front, and the engine's own quota failure
 * (`quota-exceeded`) is the answer.
 */
export async function checkQuota(downloadTotal: number, estimate = browserEstimator()): Promise<void> {
  if (downloadTotal === 0 || estimate === undefined) return;
  const { quota, usage = 0 } = await estimate();
  if (quota === undefined) return;
  const free = Math.max(0, quota - usage);
  if (downloadTotal > free) {
    throw new DOMException(
      `bgfetch: downloadTotal ${downloadTotal} bytes does not fit the ${free} bytes of storage left for this origin`,
      'QuotaExceededError',
    );
  }
}

function browserEstimator(): StorageEstimator | undefined {
  const storage = globalThis.navigator?.storage;
  return storage?.estimate ? () => storage.estimate() : undefined;
}
