import { runSequence } from '../client/report-order.js';
import {
  type FetchStatus,
  type PauseReason,
  type RegistrationSnapshot,
  settledStatus,
} from '../client/snapshot.js';
import type { RequestInput } from '../input/request-input.js';
import type { BridgeEventType, StoredRecord, StoredRequest } from '../wire/stored-record.js';
import type { JobState, RequestState } from './db.js';
import { placeOf } from './job-pack.js';
import type { JobInput } from './protocol.js';
import type { QueuePlace } from './queue-store.js';
import { rangeChunkKeys } from './ranges.js';

/**
 * A new request's state: nothing stored yet. `body` names its stored upload, if any (the caller stores it);
 * `file` is where its response's bytes will go, `undefined` where this worker cannot write files (they are chunks).
 */
export function newRequestState(input: RequestInput, bodyChunkKeys: string[], file?: string): RequestState {
  const request: StoredRequest = {
    url: input.url,
    method: input.method,
    headers: input.headers,
    ...(input.integrity ? { integrity: input.integrity } : {}),
    bodyChunkKeys,
  };
  return {
    request,
    // A worker's fetch cannot navigate; the closest it can do is a same-origin request.
    mode: input.mode === 'navigate' ? 'same-origin' : input.mode,
    credentials: input.credentials,
    integrity: input.integrity,
    uploadSize: input.body?.size ?? 0,
    epoch: 0,
    offset: 0,
    ...(file === undefined ? {} : { file }),
    chunkKeys: [],
    etag: null,
    lastModified: null,
    total: null,
    response: null,
    state: 'pending',
    failure: '',
    ...(input.accept === undefined ? {} : { accept: input.accept }),
    ...(input.connections === undefined ? {} : { connections: input.connections }),
  };
}

/** A new job, as `fetch()` persists it before it resolves: running, not paused, no outcome. */
export function newJobState(
  input: Omit<JobInput, 'requests' | 'priority'>,
  token: string,
  requests: RequestState[],
  startedAt: number,
): JobState {
  return {
    id: input.id,
    token,
    title: input.title,
    icons: input.icons,
    downloadTotal: input.downloadTotal,
    startedAt,
    paused: false,
    abortRequested: false,
    outcome: null,
    ...(input.network === undefined ? {} : { network: input.network }),
    ...(input.maxBytesPerSecond === undefined ? {} : { maxBytesPerSecond: input.maxBytesPerSecond }),
    requestCount: requests.length,
    requests,
  };
}

/** What the UI sees of a job: `live[i]` is request i's bytes written since its last commit (not yet stored). */
export function snapshotOf(
  job: JobState,
  live: readonly number[],
  online: boolean,
  recordsAvailable = true,
  /** Which report of the job's current runner this is (0: none runs it here); report-order.ts. */
  count = 0,
  /** Its place in the origin's queue, while it has one (not paused, not over) and this tab knows it. */
  queue?: QueuePlace,
  /** The connection is metered (metered-network.ts): a job that wants an unmetered one waits, paused. */
  metered = false,
): RegistrationSnapshot {
  const pauseReason = pauseReasonOf(job, metered);
  const waiting = queue !== undefined && queue.place > 0;
  const requests = job.requests.map((request, index) => ({
    url: request.request.url,
    method: request.request.method,
    downloaded: countedBytes(request) + (live[index] ?? 0),
    downloadTotal: request.total,
    status: request.response?.status ?? null,
    ...(request.resumable === false ? { resumable: false as const } : {}),
    ...(request.refused === undefined ? {} : { refused: request.refused }),
  }));
  const downloaded = requests.reduce((sum, request) => sum + request.downloaded, 0);
  const uploadTotal = job.requests.reduce((sum, request) => sum + request.uploadSize, 0);
  const uploaded = job.requests.reduce(
    (sum, request) => sum + (request.response !== null ? request.uploadSize : 0),
    0,
  );
  const { outcome } = job;
  return {
    id: job.id,
    uploadTotal,
    uploaded,
    downloadTotal: job.downloadTotal,
    downloaded,
    result: outcome?.result ?? '',
    failureReason: outcome?.failureReason ?? '',
    recordsAvailable,
    engine: 'fallback',
    status: outcome
      ? settledStatus(outcome.result, outcome.failureReason)
      : runningStatus(job, downloaded, online, waiting, pauseReason),
    title: job.title,
    requests,
    startedAt: job.startedAt,
    updatedAt: Date.now(),
    token: job.token,
    sequence: runSequence(job.runs ?? 0, count),
    ...(queue === undefined ? {} : { priority: queue.priority }),
    ...(waiting && outcome === null ? { queuePosition: queue.place } : {}),
    ...(pauseReason === undefined || outcome !== null ? {} : { pauseReason }),
  };
}

/** Why an unfinished job does not download though it could: `pause(id)`, or its network policy. */
function pauseReasonOf(job: JobState, metered: boolean): PauseReason | undefined {
  if (job.paused) return 'user';
  return job.network === 'unmetered' && metered ? 'metered-network' : undefined;
}

/**
 * A finished job's snapshot while its records are landed (the service worker's handler or the page's stores and
 * verifies every byte: seconds for a large file): `saving`, no result yet, as the verdict may still be a failure.
 */
export function savingSnapshot(snapshot: RegistrationSnapshot): RegistrationSnapshot {
  return { ...snapshot, result: '', failureReason: '', status: 'saving' };
}

function runningStatus(
  job: JobState,
  downloaded: number,
  online: boolean,
  waiting: boolean,
  pauseReason: PauseReason | undefined,
): FetchStatus {
  if (pauseReason !== undefined) return 'paused';
  if (waiting) return 'pending';
  if (!online) return 'offline';
  return downloaded > 0 || job.requests.some((request) => request.response !== null) ? 'fetching' : 'pending';
}

/** A request that failed without a usable answer shows no bytes (conformance rule 16: nothing leaks). */
function countedBytes(request: RequestState): number {
  return request.state === 'failed' && request.failure === 'fetch-error' ? 0 : request.offset;
}

/** The record the service worker (or the default handler) gets for a request. */
export function storedRecordOf(request: RequestState): StoredRecord {
  const { response } = request;
  const place = placeOf(request);
  const usable = response !== null && !(request.state === 'failed' && request.failure === 'fetch-error');
  if (!usable) return { request: request.request };
  return {
    request: request.request,
    response: {
      ...response,
      ...(place !== undefined ? { pack: place } : request.file === undefined ? {} : { file: request.file }),
      chunkKeys: request.chunkKeys,
      complete: request.state !== 'pending',
    },
  };
}

export function eventFor(job: JobState): BridgeEventType {
  if (job.outcome?.result === 'success') return 'backgroundfetchsuccess';
  return job.outcome?.failureReason === 'aborted' ? 'backgroundfetchabort' : 'backgroundfetchfail';
}

/** Every chunk key a job names (response chunks and request bodies). */
export function chunkKeysOf(job: JobState): string[] {
  return job.requests.flatMap((request) => [
    ...request.request.bodyChunkKeys,
    ...request.chunkKeys,
    ...rangeChunkKeys(request.ranges ?? []),
  ]);
}
