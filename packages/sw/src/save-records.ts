import {
  type BackgroundFetchRecord,
  type BackgroundFetchRegistration,
  base64,
  createSha256,
  expectedLength,
  isQuotaError,
  sha256Expectations,
} from '@bgfetch/core';
import { writeStoredFetch } from './fetch-index.js';
import type { RecordOutcome } from './outcome.js';

/**
 * Copies every record of a fetch into `cache` and says what became of each. Each body is streamed into Cache
 * Storage (`cache.put` of a response whose stream is piped through a counting `TransformStream`), never held whole,
 * then checked: its length against `Content-Length`, its SHA-256 against the request's `integrity`. A record that
 * fails a check is deleted again and named with its `problem`, so only verified bytes stay. Non-2xx responses are
 * not written (`bad-status`); records whose request is not a `GET` are checked but not written (Cache Storage keys
 * are `GET` requests). Records that did arrive whole are kept even when others failed.
 *
 * Call it inside the event's `waitUntil`: the registration's records are gone once the handler is done. It also
 * writes the fetch's index entry (`getFetchResponses(id)` finds the stored responses by the fetch's id).
 */
export async function saveRecords(
  registration: BackgroundFetchRegistration,
  cache: Cache | string,
): Promise<RecordOutcome[]> {
  const target = typeof cache === 'string' ? await caches.open(cache) : cache;
  const records = await registration.matchAll();
  const outcomes = await Promise.all(records.map((record) => saveRecord(record, target)));
  const urls = [...new Set(outcomes.filter((outcome) => outcome.stored).map((outcome) => outcome.url))];
  await writeStoredFetch(target, { id: registration.id, urls });
  return outcomes;
}

async function saveRecord(record: BackgroundFetchRecord, cache: Cache): Promise<RecordOutcome> {
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
      message: messageOf(error),
    };
  }
  const { status, statusText, headers } = response;
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    return { ...about, status, bytes: 0, stored: false, problem: 'bad-status', message: `HTTP ${status}` };
  }

  const expected = expectedLength(headers);
  const digests = sha256Expectations(request.integrity);
  const hash = digests ? createSha256() : undefined;
  let bytes = 0;
  const counted = response.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        bytes += chunk.byteLength;
        hash?.update(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  const cacheable = request.method.toUpperCase() === 'GET';
  try {
    if (cacheable) await cache.put(request, new Response(counted ?? null, { status, statusText, headers }));
    else await counted?.pipeTo(new WritableStream());
  } catch (error) {
    // A put that fails writes nothing (the Cache API's put is atomic): what an earlier fetch stored stays.
    const quota = isQuotaError(error);
    return {
      ...about,
      status,
      bytes,
      stored: false,
      problem: quota ? 'quota-exceeded' : 'write-failed',
      message: messageOf(error),
    };
  }

  let problem: RecordOutcome['problem'];
  let message: string | undefined;
  if (expected !== undefined && bytes !== expected) {
    problem = 'length-mismatch';
    message = `${bytes} bytes arrived, Content-Length says ${expected}`;
  } else if (hash && digests) {
    const actual = base64(hash.digest());
    if (!digests.includes(actual)) {
      problem = 'integrity-mismatch';
      message = `sha256-${actual} is not the request's integrity ${request.integrity}`;
    }
  }
  if (problem !== undefined) {
    if (cacheable) await cache.delete(request);
    return { ...about, status, bytes, stored: false, problem, message };
  }
  return { ...about, status, bytes, stored: cacheable };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
