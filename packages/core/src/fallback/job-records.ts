import {
  JOBS_STORE,
  type JobHead,
  type JobState,
  type JobsDb,
  REQUESTS_STORE,
  type RequestKey,
} from './db.js';

/**
 * A job's records together (db.ts): its head in `jobs` and its requests in `requests`. A job is created
 * (queue-store.ts `createQueuedJob`), read, taken and deleted whole, in one transaction over both stores; while it runs, a write holds only the head or the requests
 * that changed (`writeRun`), so its cost does not grow with the number of requests.
 */

/** The head of a job as a runner holds it (its requests left out). */
export function headOf(job: JobState): JobHead {
  const { requests: _requests, ...head } = job;
  return head;
}

export function requestKey(head: Pick<JobHead, 'id' | 'token'>, index: number): RequestKey {
  return [head.id, head.token, index];
}

/** Every request record of one run of a job (its id and token), in request order. */
function runRequests(head: Pick<JobHead, 'id' | 'token'>): IDBKeyRange {
  return IDBKeyRange.bound(requestKey(head, 0), requestKey(head, Number.POSITIVE_INFINITY));
}

/** The job `id` with its requests, or `undefined`. */
export async function readJob(db: JobsDb, id: string): Promise<JobState | undefined> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE]);
  const head = await tx.objectStore(JOBS_STORE).get(id);
  const job = head && { ...head, requests: await tx.objectStore(REQUESTS_STORE).getAll(runRequests(head)) };
  await tx.done;
  return job;
}

/** Every job with its requests. */
export async function readJobs(db: JobsDb): Promise<JobState[]> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE]);
  const requests = tx.objectStore(REQUESTS_STORE);
  const heads = await tx.objectStore(JOBS_STORE).getAll();
  const jobs = await Promise.all(
    heads.map(async (head) => ({ ...head, requests: await requests.getAll(runRequests(head)) })),
  );
  await tx.done;
  return jobs;
}

/** Takes job `id` to run it (this context holds its lock): counts the run in its head, and returns the job. */
export async function takeJob(db: JobsDb, id: string): Promise<JobState | undefined> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE], 'readwrite');
  const jobs = tx.objectStore(JOBS_STORE);
  const stored = await jobs.get(id);
  let job: JobState | undefined;
  if (stored !== undefined) {
    const head = { ...stored, runs: (stored.runs ?? 0) + 1 };
    const [requests] = await Promise.all([
      tx.objectStore(REQUESTS_STORE).getAll(runRequests(head)),
      jobs.put(head),
    ]);
    job = { ...head, requests };
  }
  await tx.done;
  return job;
}

/**
 * Writes what changed of a running job: its head when `head` (keeping the flags other tabs may have set meanwhile,
 * and the claim of its event: those are the stored head's), and the requests `changed` (by index). Nothing is
 * written when the stored head is not this run's (a later job under the same id, or none). Resolves with the stored
 * head as it was, whose flags the runner then applies.
 */
export async function writeRun(
  db: JobsDb,
  job: JobState,
  head: boolean,
  changed: readonly number[],
): Promise<JobHead | undefined> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE], 'readwrite');
  const jobs = tx.objectStore(JOBS_STORE);
  const current = await jobs.get(job.id);
  if (current?.token === job.token) {
    const requests = tx.objectStore(REQUESTS_STORE);
    // The flags, who claimed the settled job's event and the job's own bandwidth cap are the record's: any tab may
    // set them (db.ts `requestAbort`, `claimDispatch`, `setJobBandwidth`).
    const { paused, abortRequested, dispatch, maxBytesPerSecond } = current;
    const { maxBytesPerSecond: _mine, ...own } = headOf(job);
    const merged = {
      ...own,
      paused,
      abortRequested,
      ...(dispatch === undefined ? {} : { dispatch }),
      ...(maxBytesPerSecond === undefined ? {} : { maxBytesPerSecond }),
    };
    await Promise.all([
      ...(head ? [jobs.put(merged)] : []),
      ...changed.map((index) => requests.put(job.requests[index]!, requestKey(job, index))),
    ]);
  }
  await tx.done;
  return current;
}

/**
 * Deletes the job `id` if it is still the one of `token` (not a later job under the same id), and every request
 * record of that run (a later job's have other keys).
 */
export async function deleteJob(db: JobsDb, id: string, token: string): Promise<void> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE], 'readwrite');
  const jobs = tx.objectStore(JOBS_STORE);
  const current = await jobs.get(id);
  await Promise.all([
    ...(current?.token === token ? [jobs.delete(id)] : []),
    tx.objectStore(REQUESTS_STORE).delete(runRequests({ id, token })),
  ]);
  await tx.done;
}
