import type { RegistrationSnapshot } from '../client/snapshot.js';
import { guardedWrite } from '../fallback/guarded-write.js';
import { isQuotaError } from '../fallback/storage-full.js';
import { type AcceptedResponses, unacceptedHead } from '../input/accept.js';
import { createBackgroundFetchRecord } from '../spec/record.js';
import type { BackgroundFetchFailureReason, BackgroundFetchRecord } from '../spec/spec-types.js';
import { describeError } from '../support/errors.js';
import { type FileOpener, settledFiles } from '../wire/stored-file.js';
import {
  FALLBACK_CHUNK_CACHE,
  isNullBodyStatus,
  openStoredRequest,
  openStoredResponse,
  type StoredRecord,
  storedBlobOf,
} from '../wire/stored-record.js';
import { readStoredFetch, type StoredFetch, writeOutcome, writeStoredFetch } from './fetch-index.js';
import { createOutcome, type RecordOutcome, type Verdict, verdictOf } from './outcome.js';
import { expectedLength, sizeProblem, verifyingStream } from './verify.js';

/**
 * The one way records land in the records cache, for the service worker's handlers (native records, and the
 * fallback's through the bridge) and the fallback's page-side handler alike:
 *
 * 1. each body goes to `cache.put` checked (verify.ts): its length against the whole length promised
 *    (`Content-Length`; a fallback record fetched in ranges carries the total its `Content-Range` gave as its
 *    `Content-Length`, see stored-record.ts), its digest against the request's `integrity`. A stored file without
 *    `integrity` is checked by its size and handed over whole, for the browser to copy without script; any other
 *    body streams through a verifying pass-through, which errors the stream at its end when the body is wrong, so
 *    its `put` rejects and writes nothing. `put` is atomic per entry: a stored copy under the same URL is replaced
 *    only by one that verified, never lost to one that did not. Never held whole: memory stays flat for any size,
 *    and the bytes are written once (a staging cache would write and read every byte once more).
 * 2. then the fetch's index entry: the URLs of its stored records, merged with those it listed before that are
 *    still in the cache (a failed re-run keeps the earlier good copies listed, so they can be found and deleted),
 *    in the order of its requests.
 *
 * Non-2xx responses are not written (`bad-status`); a record whose request is not a `GET` is keyed by its URL (Cache
 * Storage keys are `GET` requests). Records that verified are kept even when others failed.
 */
export type LandingRecord = Pick<BackgroundFetchRecord, 'request' | 'responseReady'>;

/** Lands every record of fetch `id` into `cache`; resolves with what became of each, in request order. */
export async function landRecords(
  id: string,
  records: readonly LandingRecord[],
  cache: Cache,
): Promise<RecordOutcome[]> {
  const previous = await readStoredFetch(cache, id);
  const ordered = inRequestOrder(records, previous?.requests);
  const outcomes = await Promise.all(
    ordered.map((record) =>
      landRecord(
        record,
        {
          integrity: record.request.integrity || previous?.integrity?.[record.request.url],
          accept: previous?.accept,
        },
        cache,
      ),
    ),
  );
  const urls = await listedUrls(cache, previous, outcomes);
  // A record of this run replaced one of the earlier run's: what is listed is no longer that run's whole copy.
  const { whole: _, ...kept } = previous ?? { id };
  const replaced = outcomes.some((outcome) => outcome.stored);
  await writeStoredFetch(cache, { ...(replaced ? kept : previous), id, urls });
  return outcomes;
}

/**
 * The page-side handler of a finished fallback job (no service worker took it): lands its records as the service
 * worker would, keeps the outcome in the index entry, and says whether the job still counts as a success.
 */
export async function landStoredRecords(
  registration: RegistrationSnapshot,
  records: readonly StoredRecord[],
  cacheName: string,
): Promise<Verdict> {
  const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
  const cache = await caches.open(cacheName);
  const files = settledFiles();
  const landing = await Promise.all(
    records.map((stored) => storedBackgroundFetchRecord(stored, chunks, files, registration)),
  );
  try {
    const outcomes = await landRecords(registration.id, landing, cache);
    const verdict = verdictOf('success', '', outcomes);
    await writeOutcome(cache, createOutcome(registration, 'fallback', verdict, outcomes, cacheName));
    return verdict;
  } catch (error) {
    // The index could not be written (storage full): what landed stays, but the job is not a success.
    return { result: 'failure', failureReason: isQuotaError(error) ? 'quota-exceeded' : 'fetch-error' };
  }
}

/**
 * A stored record of a settled fallback run as the spec's record: its response only when every byte of it was stored.
 * `files` opens the run's files, shared by the records read together (settledFiles).
 */
export async function storedBackgroundFetchRecord(
  stored: StoredRecord,
  chunks: Cache,
  files: FileOpener,
  registration: { id: string; failureReason: BackgroundFetchFailureReason },
): Promise<BackgroundFetchRecord> {
  return createBackgroundFetchRecord(await openStoredRequest(stored.request, chunks), async () => {
    // Records are opened only once their job's run is over: its bytes are no longer written.
    if (stored.response?.complete === true) return openStoredResponse(stored.response, chunks, files);
    // The spec's reasons: an abort cut it short, or no (whole) response ever came.
    throw registration.failureReason === 'aborted'
      ? new DOMException(
          `bgfetch: "${registration.id}" was aborted before ${stored.request.url} was stored`,
          'AbortError',
        )
      : new TypeError(`bgfetch: "${registration.id}" has no whole response for ${stored.request.url}`);
  });
}

function inRequestOrder(
  records: readonly LandingRecord[],
  order: readonly string[] | undefined,
): readonly LandingRecord[] {
  if (order === undefined) return records;
  // A map, not `indexOf` in the comparator: the sort stays O(n log n) for a fetch of many requests.
  const ranks = new Map<string, number>();
  order.forEach((url, at) => {
    if (!ranks.has(url)) ranks.set(url, at);
  });
  const rank = (record: LandingRecord) => ranks.get(record.request.url) ?? order.length;
  // A stable sort: records of URLs the order does not name keep their own order, after the others.
  return [...records].sort((a, b) => rank(a) - rank(b));
}

/** This run's stored URLs and the earlier ones still in the cache, in request order, then the earlier others. */
async function listedUrls(
  cache: Cache,
  previous: StoredFetch | undefined,
  outcomes: readonly RecordOutcome[],
): Promise<string[]> {
  const stored = new Set(outcomes.filter((outcome) => outcome.stored).map((outcome) => outcome.url));
  const earlier = new Set(previous?.urls ?? []);
  const candidates = [...new Set([...outcomes.map((outcome) => outcome.url), ...earlier])];
  const kept = await Promise.all(
    candidates.map(
      async (url) => stored.has(url) || (earlier.has(url) && (await cache.match(url)) !== undefined),
    ),
  );
  return candidates.filter((_, index) => kept[index]);
}

/** What a record is checked against besides its own headers: its request's `integrity`, the fetch's `accept`. */
interface RecordChecks {
  integrity: string | undefined;
  accept: AcceptedResponses | undefined;
}

async function landRecord(
  record: LandingRecord,
  { integrity, accept }: RecordChecks,
  cache: Cache,
): Promise<RecordOutcome> {
  const { request } = record;
  const about = { url: request.url, method: request.method };
  let response: Response;
  try {
    response = await record.responseReady;
  } catch (error) {
    return {
      ...about,
      status: null,
      bytes: 0,
      stored: false,
      problem: 'no-response',
      message: describeError(error),
    };
  }
  const { status, statusText, headers } = response;
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ...about, status, bytes: 0, stored: false, problem: 'bad-status', message: `HTTP ${status}` };
  }

  // Cache Storage keys are GET requests: any other record is keyed by its URL. A HEAD answer or a null-body status
  // has no body, whatever its Content-Length says.
  const key = request.method.toUpperCase() === 'GET' ? request : request.url;
  const bodiless = request.method.toUpperCase() === 'HEAD' || isNullBodyStatus(status);
  const length = bodiless ? undefined : expectedLength(headers);
  // Refused on its head, before a byte is written: a stored copy under the same URL stays.
  const refused = unacceptedHead(accept, headers.get('Content-Type'), length ?? null);
  if (refused !== undefined) {
    await response.body?.cancel().catch(() => {});
    return { ...about, status, bytes: 0, stored: false, problem: 'unaccepted', message: refused };
  }
  const expected = {
    ...(length === undefined ? {} : { length }),
    ...(integrity ? { integrity } : {}),
    ...(accept === undefined ? {} : { accept }),
  };
  const init = { status, statusText, headers };
  // A stored file needs no pass-through unless its bytes must be hashed: its size is known before a byte is copied.
  const file = bodiless || integrity ? undefined : storedBlobOf(response);
  if (file !== undefined) {
    const wrong = sizeProblem(expected, file.size);
    if (wrong !== undefined) return { ...about, status, bytes: file.size, stored: false, ...wrong };
    try {
      await put(cache, key, new Response(file, init));
    } catch (error) {
      return { ...about, status, bytes: file.size, stored: false, ...writeProblem(error) };
    }
    return { ...about, status, bytes: file.size, stored: true };
  }
  const { stream, verification } = await verifyingStream(expected);
  const body = (response.body ?? new Blob().stream()).pipeThrough(stream);
  try {
    if (bodiless) {
      await body.pipeTo(new WritableStream());
      await put(cache, key, new Response(null, init));
    } else await put(cache, key, new Response(body, init));
  } catch (error) {
    const { bytes, problem, message } = verification;
    if (problem !== undefined) return { ...about, status, bytes, stored: false, problem, message };
    return { ...about, status, bytes, stored: false, ...writeProblem(error) };
  }
  return { ...about, status, bytes: verification.bytes, stored: true };
}

/** Why a `put` that threw stored nothing. */
function writeProblem(error: unknown): Pick<RecordOutcome, 'problem' | 'message'> {
  return { problem: isQuotaError(error) ? 'quota-exceeded' : 'write-failed', message: describeError(error) };
}

/**
 * A `put` that reports a full storage however the engine shows it: a streamed write that looks stuck has stored an
 * unknown part of itself, so the test is whether one byte more fits. Should a given-up write land after all, it goes
 * again: the record was reported not stored.
 */
function put(cache: Cache, key: Request | string, response: Response): Promise<void> {
  return guardedWrite(cache.put(key, response), { bytes: 1, undo: () => cache.delete(key) });
}
