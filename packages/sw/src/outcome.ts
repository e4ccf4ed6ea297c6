import {
  type BackgroundFetchFailureReason,
  type BackgroundFetchRegistration,
  type BackgroundFetchUIOptions,
  type EngineKind,
  type FetchOutcomeMessage,
  OUTCOME_CHANNEL_NAME,
} from '@bgfetch/core';
import { serviceWorkerScope } from './scope.js';

/** Why one record did not end up stored. */
export type RecordProblem =
  /** No response arrived (network error, CORS refusal, aborted); `responseReady` rejected. */
  | 'no-response'
  /** The response is not 2xx (a 404…): it is not written to the cache. */
  | 'bad-status'
  /** Fewer (or more) body bytes than its `Content-Length`: a cut download reported as complete. */
  | 'length-mismatch'
  /** The body's SHA-256 differs from the request's `integrity`. */
  | 'integrity-mismatch'
  /** Storage was full while writing it. */
  | 'quota-exceeded'
  /** Cache Storage refused it for another reason (`message` says which). */
  | 'write-failed';

/** What happened to one record of a fetch. */
export interface RecordOutcome {
  url: string;
  method: string;
  /** The response's HTTP status; `null` when no response arrived. */
  status: number | null;
  /** Body bytes seen. */
  bytes: number;
  /** In the records cache now, verified. Records whose request is not a `GET` are checked but never stored. */
  stored: boolean;
  /** Absent when the record is fine. */
  problem?: RecordProblem;
  message?: string;
}

/**
 * The message the handlers post to every page (on `OUTCOME_CHANNEL_NAME` and with `client.postMessage`) and keep
 * in the fetch's index entry: core's `FetchOutcomeMessage` (which settles the store) plus what became of each
 * record, the cache they are in and the download UI the handler set.
 */
export interface BackgroundFetchOutcome extends FetchOutcomeMessage {
  cacheName: string;
  records: RecordOutcome[];
  /** What the handler passed to `updateUI`, if it called it. */
  ui?: BackgroundFetchUIOptions;
  /** `Date.now()` when the service worker settled it. */
  settledAt: number;
}

export type Verdict = Pick<FetchOutcomeMessage['registration'], 'result' | 'failureReason'>;

/** The kit's verdict on a fetch from what saving its records found. */
export function verdictOf(
  event: 'success' | 'fail' | 'abort',
  reported: BackgroundFetchFailureReason,
  records: readonly RecordOutcome[],
): Verdict {
  if (event === 'abort') return { result: 'failure', failureReason: 'aborted' };
  if (event === 'fail') return { result: 'failure', failureReason: reported || 'fetch-error' };
  const problems = records.map((record) => record.problem).filter((problem) => problem !== undefined);
  if (problems.length === 0) return { result: 'success', failureReason: '' };
  if (problems.includes('quota-exceeded')) return { result: 'failure', failureReason: 'quota-exceeded' };
  if (problems.every((problem) => problem === 'bad-status')) {
    return { result: 'failure', failureReason: 'bad-status' };
  }
  return { result: 'failure', failureReason: 'fetch-error' };
}

export function createOutcome(
  registration: BackgroundFetchRegistration,
  engine: EngineKind,
  verdict: Verdict,
  records: RecordOutcome[],
  cacheName: string,
): BackgroundFetchOutcome {
  const { id, uploadTotal, uploaded, downloadTotal, downloaded } = registration;
  return {
    type: 'bgfetch:outcome',
    engine,
    registration: {
      id,
      uploadTotal,
      uploaded,
      downloadTotal,
      downloaded,
      ...verdict,
      // The records are the cache's now: the registration's own turn unavailable when the handler returns.
      recordsAvailable: false,
    },
    cacheName,
    records,
    settledAt: Date.now(),
  };
}

/**
 * Tells every page of the origin: on the `BroadcastChannel` core's clients listen to, and by `postMessage` to each
 * window client (controlled or not) for apps that listen on `navigator.serviceWorker`.
 */
export async function notifyClients(outcome: BackgroundFetchOutcome): Promise<void> {
  const channel = new BroadcastChannel(OUTCOME_CHANNEL_NAME);
  channel.postMessage(outcome);
  channel.close();
  const clients = await serviceWorkerScope().clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of clients) client.postMessage(outcome);
}
