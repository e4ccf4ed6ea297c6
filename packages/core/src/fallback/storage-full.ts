/**
 * Pure decision behind conformance rule 18 ("storage full while downloading → `quota-exceeded`"): which errors of
 * a storage write mean "full" (guarded-write.ts also asks the origin's estimate about a write that seems stuck).
 * What each engine did here when an origin's quota was reached by `cache.put`
 * (e2e/specs/fallback-quota*):
 * - Chromium 156 rejects the put with `QuotaExceededError` (a DOMException, code 22). A quota lowered through CDP
 *   is enforced but not shown by `estimate()`, so there the rejection is the only sign;
 * - Firefox ESR 153 rejects it with an XPCOM exception named `NS_ERROR_FILE_NO_DEVICE_SPACE`: no DOMException, no
 *   code, an empty message;
 * - WebKitGTK 2.50 rejects it with `QuotaExceededError`, and from then on `estimate()` reports a quota and a usage
 *   of 5 MiB each and refuses every further write. In one run of the engine the chunk's put was seen never to
 *   settle at that point (issue 4): a write can hang as well as fail, so a stuck write is judged by the estimate.
 */

/** Error names that mean "the origin's storage is full", whatever the error's type. */
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE']);
/** The legacy `DOMException.QUOTA_EXCEEDED_ERR` code. */
const QUOTA_EXCEEDED_CODE = 22;

export function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (typeof name === 'string' && QUOTA_ERROR_NAMES.has(name)) || code === QUOTA_EXCEEDED_CODE;
}
