import { DEFAULT_PRIORITY, type FetchPriority } from '../client/priority.js';
import { JOBS_STORE, type JobHead, type JobState, type JobsDb, QUEUE_STORE, REQUESTS_STORE } from './db.js';
import { headOf, requestKey } from './job-records.js';
import { type QueueEntry, queuePlaces } from './queue-order.js';

/**
 * The origin's queue of fallback jobs, in IndexedDB where every tab reads it (docs/architecture.md, "The queue"):
 * one entry per job, beside its head in `jobs`. Every change is one transaction over both stores, so two tabs
 * never admit more jobs than the limit between them.
 */
export interface QueueRecord extends QueueEntry {
  /** The run of the id this entry is for (the job's token): an entry of an earlier run is stale. */
  token: string;
}

/** A job's place (queue-order.ts: 0 downloads, n ≥ 1 waits n-th) and its priority. */
export interface QueuePlace {
  place: number;
  priority: FetchPriority;
}

/**
 * Stores a new job (its head and requests) and its entry at the end of its priority's line; when the id is taken,
 * writes nothing and returns the head that holds it.
 */
export async function createQueuedJob(
  db: JobsDb,
  job: JobState,
  priority: FetchPriority,
): Promise<JobHead | undefined> {
  const tx = db.transaction([JOBS_STORE, REQUESTS_STORE, QUEUE_STORE], 'readwrite');
  const jobs = tx.objectStore(JOBS_STORE);
  const queue = tx.objectStore(QUEUE_STORE);
  const holder = await jobs.get(job.id);
  if (holder !== undefined) {
    await tx.done;
    return holder;
  }
  const seq = (await queue.getAll()).reduce((last, entry) => Math.max(last, entry.seq), 0) + 1;
  const requests = tx.objectStore(REQUESTS_STORE);
  await Promise.all([
    jobs.put(headOf(job)),
    ...job.requests.map((request, index) => requests.put(request, requestKey(job, index))),
    queue.put({ id: job.id, token: job.token, priority, seq, admitted: false }),
  ]);
  await tx.done;
  return undefined;
}

/**
 * Admits the jobs whose turn it is and returns every waiting or downloading job's place. Jobs paused, aborted or
 * over have none; entries of jobs gone (or of an earlier run of the id) are removed. `admitted`: this call admitted
 * some (their tabs must hear it). A job waiting for an unmetered network (`waitsForNetwork`) has no place either,
 * and gives up the one it held, as a paused one does: it cannot use it, and a job that can must not wait behind it
 * for as long as the user stays on a cellular connection. It queues again, in its old turn, once it may download.
 */
export async function admitQueued(
  db: JobsDb,
  maxConcurrent: number,
  waitsForNetwork: (job: JobHead) => boolean,
): Promise<{ places: Map<string, QueuePlace>; admitted: boolean }> {
  const tx = db.transaction([JOBS_STORE, QUEUE_STORE], 'readwrite');
  const queue = tx.objectStore(QUEUE_STORE);
  const [jobs, records] = await Promise.all([tx.objectStore(JOBS_STORE).getAll(), queue.getAll()]);
  const jobsById = new Map(jobs.map((job) => [job.id, job]));
  const stale = records.filter((record) => jobsById.get(record.id)?.token !== record.token);
  const entries = new Map(
    records.filter((record) => !stale.includes(record)).map((record) => [record.id, record]),
  );
  const waiting = jobs.filter(waitsForNetwork);
  const released = waiting.flatMap((job) => {
    const entry = entries.get(job.id);
    return entry?.admitted ? [{ ...entry, admitted: false }] : [];
  });
  const wanting = jobs
    .filter((job) => job.outcome === null && !job.paused && !job.abortRequested && !waiting.includes(job))
    // A job stored before the queue existed: `normal`, ahead of every later one.
    .map(
      (job) =>
        entries.get(job.id) ?? {
          id: job.id,
          token: job.token,
          priority: DEFAULT_PRIORITY,
          seq: 0,
          admitted: false,
        },
    );
  const order = queuePlaces(wanting, maxConcurrent);
  const admitted = wanting.filter((entry) => !entry.admitted && order.get(entry.id) === 0);
  await Promise.all([
    ...stale.map((record) => queue.delete(record.id)),
    ...admitted.map((entry) => queue.put({ ...entry, admitted: true })),
    ...released.map((entry) => queue.put(entry)),
  ]);
  await tx.done;
  const places = new Map(
    wanting.map((entry) => [entry.id, { place: order.get(entry.id) ?? 0, priority: entry.priority }]),
  );
  return { places, admitted: admitted.length > 0 };
}

/**
 * Pauses or resumes an active job; either way it gives up its place among those downloading (a resumed job waits
 * for a free one, ahead of the jobs that came after it). `false` when no active job has the id.
 */
export async function setJobPaused(db: JobsDb, id: string, paused: boolean): Promise<boolean> {
  const tx = db.transaction([JOBS_STORE, QUEUE_STORE], 'readwrite');
  const jobs = tx.objectStore(JOBS_STORE);
  const queue = tx.objectStore(QUEUE_STORE);
  const [job, entry] = await Promise.all([jobs.get(id), queue.get(id)]);
  const active = job !== undefined && job.outcome === null;
  if (active) {
    await Promise.all([
      jobs.put({ ...job, paused }),
      ...(entry?.token === job.token ? [queue.put({ ...entry, admitted: false })] : []),
    ]);
  }
  await tx.done;
  return active;
}

/** Gives an active job another priority; its arrival order stays. `false` when no active job has the id. */
export async function setJobPriority(db: JobsDb, id: string, priority: FetchPriority): Promise<boolean> {
  const tx = db.transaction([JOBS_STORE, QUEUE_STORE], 'readwrite');
  const queue = tx.objectStore(QUEUE_STORE);
  const [job, entry] = await Promise.all([tx.objectStore(JOBS_STORE).get(id), queue.get(id)]);
  const active = job !== undefined && job.outcome === null;
  if (active) {
    const current = entry?.token === job.token ? entry : undefined;
    await queue.put({ id, token: job.token, seq: 0, admitted: false, ...current, priority });
  }
  await tx.done;
  return active;
}
