import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { AcceptedResponses } from '../input/accept.js';
import type { BackgroundFetchFailureReason, ImageResource } from '../spec/spec-types.js';
import type { StoredSlice } from '../wire/stored-file.js';
import type { StoredRequest } from '../wire/stored-record.js';
import type { QueueRecord } from './queue-store.js';

/**
 * The fallback's metadata in IndexedDB (database `bgfetch`): per fetch, its head in store `jobs` and one record per
 * request in store `requests` (job-records.ts reads and writes them together). Bytes are never here: they are files
 * of the origin private file system or chunks in Cache Storage, named by the records (body-writer.ts). The records
 * are written before `fetch()` resolves; a request's record after each of its stored chunks and state changes, the
 * head when the job's outcome or hand-off changes; all are deleted once the job is settled and handed off.
 */

export const DB_NAME = 'bgfetch';
export const JOBS_STORE = 'jobs';
/** Each request's progress, keyed by `RequestKey`: a commit writes its own request, not the whole job. */
export const REQUESTS_STORE = 'requests';
/** The origin's queue of jobs (queue-store.ts): apart from `jobs`, whose heads a runner writes. */
export const QUEUE_STORE = 'queue';

export interface ResponseHead {
  url: string;
  status: number;
  statusText: string;
  headers: [string, string][];
}

export interface RequestState {
  request: StoredRequest;
  mode: RequestMode;
  credentials: RequestCredentials;
  integrity: string;
  uploadSize: number;
  /** Goes up on every restart from zero; part of the chunk keys. */
  epoch: number;
  /** Bytes stored (committed to the file, or in `chunkKeys`). */
  offset: number;
  /** The response's file in `FALLBACK_FILE_DIRECTORY`; absent when its bytes are chunks (and in jobs of older versions). */
  file?: string;
  /**
   * Where a small response's bytes are instead of `file`: its place in a pack of its job (job-pack.ts), reserved for
   * `total` bytes at its first answer; `offset` of them are stored from `start` on. It holds the request's bytes only
   * while `epoch` is the request's (job-pack.ts `placeOf`).
   */
  packed?: StoredSlice & { epoch: number };
  chunkKeys: string[];
  etag: string | null;
  lastModified: string | null;
  /** The whole response's length, when the server said it. */
  total: number | null;
  /** Status and headers of the answer the stored bytes belong to. */
  response: ResponseHead | null;
  /**
   * `false` once its server is known not to let it resume (a cross-origin resume refused or unreadable, an encoded
   * answer, no validator): every drop restarts it from zero. Absent while a resume may work.
   */
  resumable?: false;
  /** The fetch's `connections` option when it named a number; absent for `'auto'`. */
  connections?: number;
  /**
   * Set once the response is fetched as byte ranges over several connections (ranges.ts): in order, covering it
   * from 0 to `total`. `offset` is then the sum of their stored bytes, and `chunkKeys` is filled from theirs when
   * the last byte is stored.
   */
  ranges?: RangeState[];
  state: 'pending' | 'done' | 'failed';
  failure: BackgroundFetchFailureReason;
  /** The fetch's `accept` option: an answer it does not accept fails the request before a byte is stored. */
  accept?: AcceptedResponses;
  /** Why `accept` refused the answer, when it did. */
  refused?: string;
}

/** One byte range of a request fetched over several connections: its bytes from `start` to `end` (exclusive). */
export interface RangeState {
  start: number;
  /** Moves down when the range is cut in two for one more connection (`splitLargest`). */
  end: number;
  /** Bytes stored from `start` on (committed to the file, or in `chunkKeys`). */
  stored: number;
  /** Its chunks (where the bytes are chunks), each named by the position of its first byte. */
  chunkKeys: string[];
  /**
   * The bytes its cross-origin answer repeated of the range before it (seams.ts), kept while that range's were not
   * stored yet: compared with them once every byte is.
   */
  seam?: number[];
}

/** A job's record in `jobs`: all of it but its requests, which are records of their own (`REQUESTS_STORE`). */
export interface JobHead {
  id: string;
  token: string;
  title: string;
  icons: ImageResource[];
  downloadTotal: number;
  startedAt: number;
  paused: boolean;
  abortRequested: boolean;
  /** Set once the job is over; the handoff and clean-up may still be due (a reload then finishes them). */
  outcome: { result: 'success' | 'failure'; failureReason: BackgroundFetchFailureReason } | null;
  /** The settled job's event was handled (or its records stored here): only the clean-up may still be due. */
  handedOff?: true;
  /**
   * Who took the settled job's event, decided once in one transaction (`claimDispatch`): the service worker's bridge
   * before it dispatches, or the page before it stores the records itself. Absent until then.
   */
  dispatch?: DispatchHolder;
  /** `'unmetered'`: it waits while the connection is metered (metered-network.ts). */
  network?: 'unmetered';
  /** Its own bandwidth cap, in bytes a second (bandwidth.ts). */
  maxBytesPerSecond?: number;
  /** How many runners took the job (a tab, a reload, a handover): orders their reports (report-order.ts). */
  runs?: number;
  /** How many requests the job has: its records in `requests` are indexes 0 to `requestCount - 1`. */
  requestCount: number;
}

/** A job as a runner holds it: its head and every request's state, in request order. */
export interface JobState extends JobHead {
  requests: RequestState[];
}

/**
 * A request's record's key: its job's id and token (a later job under the same id has other keys) and its index in
 * the job, so that one job's records are one key range (`runRequests`).
 */
export type RequestKey = [id: string, token: string, index: number];

interface Schema extends DBSchema {
  jobs: { key: string; value: JobHead };
  requests: { key: RequestKey; value: RequestState };
  queue: { key: string; value: QueueRecord };
}

export type JobsDb = IDBPDatabase<Schema>;

/** Who handles a settled job's event: the service worker's bridge, or the page's default handler. */
export type DispatchHolder = 'worker' | 'page';

/**
 * The schema's version. 1: the `jobs` store. 2: the same store; records written at 1 may lack `file` (their bytes
 * are chunks), `handedOff`, `dispatch` and `runs`, all optional, so they are read as they are. 3: the `queue` store; a job with no entry
 * there (written before) queues as `normal`, ahead of every later one. 4: the `requests` store; the upgrade moves
 * the requests each job's record held into it (`splitRequests`).
 */
export const DB_VERSION = 4;

/**
 * Opens the database, creating or upgrading it. The connection closes itself when another context needs the
 * database (a tab of a newer version upgrading it, or site data being cleared with `deleteDatabase`): an open
 * connection would block that for as long as this tab lives. `closed` is then called, so that the next use opens
 * the database again (`jobsConnection`).
 */
export function openJobsDb(closed: () => void = () => {}): Promise<JobsDb> {
  return openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) db.createObjectStore(JOBS_STORE, { keyPath: 'id' });
      if (oldVersion < 3) db.createObjectStore(QUEUE_STORE, { keyPath: 'id' });
      if (oldVersion < 4) {
        db.createObjectStore(REQUESTS_STORE);
        // A failure aborts the upgrade, and the open fails with it: nothing is half moved.
        splitRequests(transaction).catch(() => transaction.abort());
      }
    },
    blocked() {
      console.warn('bgfetch: an older tab of this site holds the fallback database open; close it to go on');
    },
    blocking(_current, _wanted, event) {
      (event.target as IDBDatabase).close();
      closed();
    },
    terminated: closed,
  });
}

/** A job's record as versions 1 to 3 wrote it: the head with every request in it. */
type EmbeddedJob = Omit<JobHead, 'requestCount'> & { requests: RequestState[] };

/** Moves the requests of records of versions before 4 into `requests`, leaving the heads in `jobs`. */
async function splitRequests(transaction: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>) {
  const requests = transaction.objectStore(REQUESTS_STORE);
  let cursor = await transaction.objectStore(JOBS_STORE).openCursor();
  while (cursor !== null) {
    const { requests: embedded, ...head } = cursor.value as unknown as EmbeddedJob;
    await Promise.all([
      ...embedded.map((request, index) => requests.put(request, [head.id, head.token, index])),
      cursor.update({ ...head, requestCount: embedded.length }),
    ]);
    cursor = await cursor.continue();
  }
}

/** The database for as long as a context needs it: opened on first use, and again after it had to let it go. */
export function jobsConnection(): () => Promise<JobsDb> {
  let open: Promise<JobsDb> | undefined;
  return () => {
    if (open === undefined) {
      const opening = openJobsDb(() => {
        if (open === opening) open = undefined;
      });
      // A failed open is tried again at the next use.
      opening.catch(() => {
        if (open === opening) open = undefined;
      });
      open = opening;
    }
    return open;
  };
}

/**
 * Reads, changes and writes one job's head in one transaction, so two tabs cannot both win (e.g. both `abort()` →
 * true). `change` returns what the caller gets, and may return without changing (nothing is written then).
 */
export async function updateJob<T>(
  db: JobsDb,
  id: string,
  change: (job: JobHead | undefined) => { job?: JobHead; value: T },
): Promise<T> {
  const tx = db.transaction(JOBS_STORE, 'readwrite');
  const { job, value } = change(await tx.store.get(id));
  if (job !== undefined) await tx.store.put(job);
  await tx.done;
  return value;
}

/** Gives an active job another cap of its own (`null`: none); `false` when no active job has the id. */
export function setJobBandwidth(db: JobsDb, id: string, limit: number | null): Promise<boolean> {
  return updateJob(db, id, (job) => {
    if (job === undefined || job.outcome !== null) return { value: false };
    const { maxBytesPerSecond: _old, ...rest } = job;
    return { job: limit === null ? rest : { ...rest, maxBytesPerSecond: limit }, value: true };
  });
}

/**
 * Marks an active job aborted, atomically: `true` for the one call (of any tab or the service worker) that did it,
 * `false` when the job is unknown, over or already aborted. Whoever runs the job must then be told (`flags`).
 */
export function requestAbort(db: JobsDb, id: string): Promise<boolean> {
  return updateJob(db, id, (job) =>
    job === undefined || job.outcome !== null || job.abortRequested
      ? { value: false }
      : { job: { ...job, abortRequested: true }, value: true },
  );
}

/**
 * Claims the event of run `token` of job `id` for `by`, atomically: whoever claims first holds it, so a run is
 * dispatched once however many tabs (or messages) ask. `'claimed'`: this call took it; else who holds it already;
 * `'none'` when there is no record of the id; `'other-run'` when the record is another run's (a later `fetch()`).
 */
export function claimDispatch(
  db: JobsDb,
  id: string,
  token: string,
  by: DispatchHolder,
): Promise<DispatchClaim> {
  return updateJob(db, id, (job): { job?: JobHead; value: DispatchClaim } => {
    if (job === undefined) return { value: 'none' };
    if (job.token !== token) return { value: 'other-run' };
    if (job.dispatch !== undefined) return { value: job.dispatch };
    return { job: { ...job, dispatch: by }, value: 'claimed' };
  });
}

export type DispatchClaim = 'claimed' | DispatchHolder | 'none' | 'other-run';
