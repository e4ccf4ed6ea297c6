import { base64, sha256Expectations } from '../integrity.js';
import { createSha256 } from '../sha256.js';
import type { RegistrationSnapshot } from '../snapshot.js';
import { removeStoredFiles } from '../stored-file.js';
import {
  type BridgeDispatchMessage,
  FALLBACK_CHUNK_CACHE,
  openStoredRequest,
  openStoredResponse,
} from '../stored-record.js';
import { deleteJob, type JobState, type JobsDb, type RequestState } from './db.js';
import { guardedWrite } from './guarded-write.js';
import { chunkKeysOf, eventFor, storedRecordOf } from './job.js';
import { jobChunkPrefix, jobFilePrefix } from './keys.js';
import { isQuotaError } from './storage-full.js';

/** What settling a job needs from the runner and the worker around it. */
export interface SettleDeps {
  db: () => Promise<JobsDb>;
  origin: string;
  /** Where records land when no service worker takes them. */
  cacheName: string;
  /** `true` when a service worker took the job's event; `false` when there is none. */
  handoff(message: BridgeDispatchMessage): Promise<boolean>;
  snapshot(recordsAvailable: boolean): RegistrationSnapshot;
  publish(snapshot: RegistrationSnapshot): void;
  /** Writes the job to IndexedDB. */
  persist(): Promise<void>;
}

/**
 * Ends a job whose outcome is set: hands its event to the service worker (or stores the records here when none
 * takes it), then removes its bytes and its IndexedDB record. Each step may be cut by a closing tab; the next tab to
 * run the job starts again from what IndexedDB says (`handedOff`).
 */
export async function settle(job: JobState, deps: SettleDeps): Promise<void> {
  if (!job.handedOff) {
    await handOff(job, deps);
    // From here a tab that closes leaves only the clean-up to the next one: the records' handler ran once, and
    // must not run again on bytes this clean-up may already have removed.
    job.handedOff = true;
    await deps.persist().catch(() => {});
  }
  const cache = await caches.open(FALLBACK_CHUNK_CACHE);
  const prefix = jobChunkPrefix(deps.origin, job.id, job.token);
  const keys = new Set(chunkKeysOf(job));
  // A put cut by a closing tab can leave a chunk no record names: the prefix finds those too.
  for (const request of await cache.keys()) if (request.url.startsWith(prefix)) keys.add(request.url);
  await Promise.all([...keys].map((key) => cache.delete(key)));
  await removeStoredFiles(jobFilePrefix(job.token));
  await deleteJob(await deps.db(), job.id, job.token);
  deps.publish(deps.snapshot(false));
}

/** The job's event to the service worker's handlers; the page-side default handler when none takes it. */
async function handOff(job: JobState, deps: SettleDeps) {
  const message: BridgeDispatchMessage = {
    type: 'bgfetch:dispatch',
    event: eventFor(job),
    registration: deps.snapshot(true),
    records: job.requests.map(storedRecordOf),
  };
  let handled = false;
  try {
    handled = await deps.handoff(message);
  } catch (error) {
    console.warn(`bgfetch: the service worker did not take "${job.id}" (${String(error)}); storing it here`);
  }
  if (!handled && message.event === 'backgroundfetchsuccess') await storeRecords(job, deps.cacheName);
}

/** The page-side default handler: every record into `cacheName`, from its file (copied by the browser) or chunks. */
async function storeRecords(job: JobState, cacheName: string) {
  const chunks = await caches.open(FALLBACK_CHUNK_CACHE);
  const target = await caches.open(cacheName);
  const written: string[] = [];
  try {
    for (const { request, response } of job.requests.map(storedRecordOf)) {
      if (response === undefined) continue;
      const key = request.method === 'GET' ? await openStoredRequest(request, chunks) : request.url;
      const write = target.put(key, await openStoredResponse(response, chunks));
      // A streamed record has stored an unknown part of itself by the time it looks stuck: only "no room at all"
      // (WebKit's state once its quota was hit) is certain, so the test is whether one byte more fits.
      await guardedWrite(write, { bytes: 1, undo: () => target.delete(request.url) });
      written.push(request.url);
    }
  } catch (error) {
    job.outcome = {
      result: 'failure',
      failureReason: isQuotaError(error) ? 'quota-exceeded' : 'fetch-error',
    };
    // Never half-recorded: the records this job wrote go. A put that failed wrote nothing (put is atomic), so what
    // an earlier fetch stored under the failed record's URL stays.
    await Promise.all(written.map((url) => target.delete(url)));
  }
}

/** Checks a `sha256-…` integrity, if the request has one, over the stored bytes, streamed (memory stays flat). */
export async function integrityHolds(request: RequestState, chunks: Cache): Promise<boolean> {
  const expected = sha256Expectations(request.integrity);
  const stored = storedRecordOf(request).response;
  if (expected === undefined || stored === undefined) return true;
  const reader = (await openStoredResponse(stored, chunks)).body?.getReader();
  const hash = createSha256();
  for (let read = await reader?.read(); read?.done === false; read = await reader?.read())
    hash.update(read.value);
  return expected.includes(base64(hash.digest()));
}
