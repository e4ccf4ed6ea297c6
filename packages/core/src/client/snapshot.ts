import type { BackgroundFetchFailureReason, BackgroundFetchResult } from '../spec/spec-types.js';
import type { FetchPriority } from './priority.js';

/** Which engine runs a fetch. */
export type EngineKind = 'native' | 'fallback';

/**
 * The kit's lifecycle of a fetch; `success`, `failure` and `aborted` are final. `saving`: every byte arrived, and the
 * records are being stored and verified (a large file takes seconds); the verdict follows.
 */
export type FetchStatus =
  | 'pending'
  | 'fetching'
  | 'saving'
  | 'paused'
  | 'offline'
  | 'success'
  | 'failure'
  | 'aborted';

/**
 * Why a fetch is `paused`: `user`, by `pause(id)` (it waits for `resume(id)`); `metered-network`, by its
 * `network: 'unmetered'` option while the browser says the connection is cellular or saves data (it resumes by
 * itself when that changes; `capabilities.networkPolicy`).
 */
export type PauseReason = 'user' | 'metered-network';

/** Progress of one request of a fetch. `null` = the engine cannot tell (native reports only job totals). */
export interface RequestProgress {
  url: string;
  method: string;
  downloaded: number | null;
  /** The response's `Content-Length`, once known. */
  downloadTotal: number | null;
  /**
   * The HTTP status of the request's latest answer: `null` before any answer, or when the engine cannot tell (a
   * native fetch tells it only once its service worker's outcome arrives).
   */
  status: number | null;
  /**
   * `false` when a drop restarts this request from zero rather than resuming it: its server does not let it resume
   * (a cross-origin server without the CORS headers for `Range` — see the README's "Servers" —, an encoded
   * answer, no ETag or Last-Modified). Absent while a resume may work (or the engine cannot tell).
   */
  resumable?: false;
  /** Why the answer was refused by the fetch's `accept` check, when it was (the fetch then fails, `fetch-error`). */
  refused?: string;
}

/**
 * One fetch as the UI sees it, whichever engine runs it. The first eight fields are the spec's
 * `BackgroundFetchRegistration` fields with the spec's meanings; the rest are the kit's.
 * Plain data (structured-cloneable), replaced as a whole on every change.
 */
export interface RegistrationSnapshot {
  id: string;
  uploadTotal: number;
  uploaded: number;
  downloadTotal: number;
  downloaded: number;
  result: BackgroundFetchResult;
  failureReason: BackgroundFetchFailureReason;
  recordsAvailable: boolean;
  engine: EngineKind;
  status: FetchStatus;
  /** The `title` option; `''` when the engine cannot know it (a native fetch rehydrated after a reload). */
  title: string;
  requests: RequestProgress[];
  /** `Date.now()` when the fetch started, or when this page first saw it if the engine cannot tell. */
  startedAt: number;
  /** `Date.now()` of the engine's latest report. */
  updatedAt: number;
  /**
   * Which run of the id this is, where the engine can tell (the fallback's job token, new per `fetch()`): a late
   * verdict on an earlier run of the same id never settles this one.
   */
  token?: string;
  /**
   * The order of the engine's reports of this run, where it can tell (the fallback: a count per tab that ran it,
   * above every earlier tab's; report-order.ts). Reports are ordered by it, not by the wall clock, which may step back.
   */
  sequence?: number;
  /** The fetch's priority in the origin's queue, where the engine has one (`capabilities.queue`). */
  priority?: FetchPriority;
  /**
   * While the fetch waits for one of the origin's `maxConcurrentJobs` places (status `pending`): its place in line,
   * 1 for the next to start. Absent while it downloads, is paused or is over, and where the engine has no queue.
   */
  queuePosition?: number;
  /** Why it is paused, while its status is `paused` and the engine can tell. */
  pauseReason?: PauseReason;
}

export function isSettled(snapshot: RegistrationSnapshot): boolean {
  return snapshot.result !== '';
}

/** The final status for a settled result; `aborted` is a failure reason in the spec and a status in the kit. */
export function settledStatus(
  result: Exclude<BackgroundFetchResult, ''>,
  failureReason: BackgroundFetchFailureReason,
): FetchStatus {
  if (result === 'success') return 'success';
  return failureReason === 'aborted' ? 'aborted' : 'failure';
}
