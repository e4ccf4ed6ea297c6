import type { BackgroundFetchRegistration } from '@bgfetch/core';
import { landRecords, type RecordOutcome } from '@bgfetch/core/internal';

/**
 * Lands every record of a fetch in `cache` and says what became of each, through core's one landing path (the
 * fallback's page-side handler uses the same): each body streams into Cache Storage through a check of its length
 * (against `Content-Length`) and its digest (against the request's `integrity`: sha256, sha384 or sha512, the
 * strongest given decides), never held whole. A record that fails a check is not written, and a copy stored earlier
 * under its URL stays: a stored copy is replaced only by one that verified. Non-2xx responses are not written
 * (`bad-status`); a record whose request is not a `GET` is stored under its URL (Cache Storage keys are `GET`
 * requests). Records that verified are kept even when others failed.
 *
 * Call it inside the event's `waitUntil`: the registration's records are gone once the handler is done. It also
 * writes the fetch's index entry (`getFetchResponses(id)` finds the stored responses by the fetch's id, in the order
 * of its requests), keeping listed what an earlier run stored and is still in the cache.
 */
export async function saveRecords(
  registration: BackgroundFetchRegistration,
  cache: Cache | string,
): Promise<RecordOutcome[]> {
  const target = typeof cache === 'string' ? await caches.open(cache) : cache;
  return landRecords(registration.id, await registration.matchAll(), target);
}
