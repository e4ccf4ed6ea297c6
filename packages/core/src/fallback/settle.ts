import type { RegistrationSnapshot } from '../client/snapshot.js';
import { landStoredRecords, verifyBody } from '../landing/index.js';
import { removeStoredFiles } from '../wire/stored-file.js';
import { FALLBACK_CHUNK_CACHE, openStoredResponse } from '../wire/stored-record.js';
import { claimDispatch, type DispatchClaim, type JobState, type JobsDb, type RequestState } from './db.js';
import { chunkKeysOf, eventFor, storedRecordOf } from './job.js';
import { deleteJob } from './job-records.js';
import { jobChunkPrefix, jobFilePrefix } from './keys.js';
import type { HandoffAnswer, HandoffMessage } from './protocol.js';
import { isQuotaError } from './storage-full.js';

/** What settling a job needs from the runner and the worker around it. */
export interface SettleDeps {
  db: () => Promise<JobsDb>;
  origin: string;
  /** Where records land when no service worker takes them. */
  cacheName: string;
  /** Hands the job's event to the active service worker, if there is one (protocol.ts). */
  handoff(message: HandoffMessage): Promise<HandoffAnswer>;
  snapshot(recordsAvailable: boolean): RegistrationSnapshot;
  publish(snapshot: RegistrationSnapshot): void;
  /** Writes the job's head to IndexedDB. */
  persist(): Promise<void>;
}

/**
 * Ends a job whose outcome is set: hands its event to the service worker (or stores the records here when none
 * takes it), then removes its bytes and its IndexedDB records. Each step may be cut by a closing tab; the next tab to
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
  // Only a job that may have chunks opens the chunk cache: opening creates it, which a full storage refuses (Firefox
  // throws `NS_ERROR_FILE_NO_DEVICE_SPACE`), and a job of files that never needed it would then never settle.
  if (mayHaveChunks(job)) {
    const cache = await caches.open(FALLBACK_CHUNK_CACHE);
    const prefix = jobChunkPrefix(deps.origin, job.id, job.token);
    const keys = new Set(chunkKeysOf(job));
    // A put cut by a closing tab can leave a chunk no record names: the prefix finds those too.
    for (const request of await cache.keys()) if (request.url.startsWith(prefix)) keys.add(request.url);
    await Promise.all([...keys].map((key) => cache.delete(key)));
  }
  await removeStoredFiles(jobFilePrefix(job.token));
  await deleteJob(await deps.db(), job.id, job.token);
  deps.publish(deps.snapshot(false));
}

/** Whether any of the job's bytes may be chunks: a request whose bytes are not a file, or an upload's body. */
function mayHaveChunks(job: JobState): boolean {
  return job.requests.some(
    (request) => request.file === undefined || request.request.bodyChunkKeys.length > 0,
  );
}

/**
 * The job's event to the service worker's handlers; the page-side default handler when none claims it. The run is
 * claimed in IndexedDB before either handles it (docs/architecture.md, "Hand-off"): the service worker's bridge
 * claims it before it dispatches, the page before it stores the records itself, so the event is handled once and
 * the page never lands (nor, after it, removes) bytes a service worker is still reading.
 */
async function handOff(job: JobState, deps: SettleDeps) {
  const message: HandoffMessage = {
    type: 'bgfetch:dispatch',
    event: eventFor(job),
    registration: deps.snapshot(true),
    records: job.requests.map(storedRecordOf),
    token: job.token,
  };
  // A tab that closed while storing the records itself left the claim to the page: this one goes on with it.
  let claim: DispatchClaim | undefined = job.dispatch === 'page' ? 'page' : undefined;
  while (claim === undefined) {
    let answer: HandoffAnswer = 'none';
    try {
      answer = await deps.handoff(message);
    } catch (error) {
      console.warn(
        `bgfetch: the service worker did not take "${job.id}" (${String(error)}); storing it here`,
      );
    }
    if (answer === 'handled') return;
    claim = await claimDispatch(await deps.db(), job.id, job.token, 'page').catch((error: unknown) => {
      // Storage full: no claim can be written, by this page or by the service worker's bridge (it claims in the
      // same database before it reads a byte), so the page takes the event rather than leave the job unsettled.
      if (isQuotaError(error)) return 'page' as const;
      throw error;
    });
    // The service worker claimed it after all, its answer still on the way: wait for it again.
    if (claim === 'worker' && answer === 'silent') claim = undefined;
  }
  const ours = claim === 'claimed' || claim === 'page';
  if (ours && message.event === 'backgroundfetchsuccess') await storeRecords(job, deps);
}

/** The page-side default handler: lands the records as the service worker's handler would (core's landing). */
async function storeRecords(job: JobState, deps: SettleDeps) {
  job.outcome = await landStoredRecords(
    deps.snapshot(true),
    job.requests.map(storedRecordOf),
    deps.cacheName,
  );
}

/** Checks the request's integrity, if it has one, over the stored bytes, streamed (memory stays flat). */
export async function integrityHolds(request: RequestState, chunks: () => Promise<Cache>): Promise<boolean> {
  const stored = storedRecordOf(request).response;
  if (!request.integrity || stored === undefined) return true;
  const body = (await openStoredResponse(stored, await chunks())).body;
  return (await verifyBody(body, { integrity: request.integrity })).problem === undefined;
}
