import type { EngineKind } from '../client/snapshot.js';
import type {
  BackgroundFetchFailureReason,
  BackgroundFetchRegistration,
  BackgroundFetchUIOptions,
} from '../spec/spec-types.js';
import { type FetchOutcomeMessage, isFetchOutcomeMessage } from '../wire/outcome.js';

/**
 * What landing a fetch's records made of each, and the verdict that follows: the same on the service worker's
 * handlers and the fallback's page-side handler, kept in the fetch's index entry and posted to pages.
 */

/** Why one record did not end up stored. */
export type RecordProblem =
  /** No response arrived (network error, CORS refusal, aborted); `responseReady` rejected. */
  | 'no-response'
  /** The response is not 2xx (a 404…): it is not written to the cache. */
  | 'bad-status'
  /** Fewer (or more) body bytes than the server promised: a cut download reported as complete. */
  | 'length-mismatch'
  /** The body's digest differs from the request's `integrity` (its strongest algorithm). */
  | 'integrity-mismatch'
  /** The answer is not what the fetch's `accept` asks for (another content type, fewer bytes): not written. */
  | 'unaccepted'
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
  /** In the records cache now, verified (a record whose request is not a `GET` under its URL). */
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
  registration: Pick<
    BackgroundFetchRegistration,
    'id' | 'uploadTotal' | 'uploaded' | 'downloadTotal' | 'downloaded'
  > & { token?: string | undefined },
  engine: EngineKind,
  verdict: Verdict,
  records: RecordOutcome[],
  cacheName: string,
): BackgroundFetchOutcome {
  const { id, uploadTotal, uploaded, downloadTotal, downloaded, token } = registration;
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
      ...(token === undefined ? {} : { token }),
    },
    cacheName,
    records,
    settledAt: Date.now(),
  };
}

/** An outcome as read back from an index entry (any code on the origin may have written the cache). */
export function isFetchOutcome(value: unknown): value is BackgroundFetchOutcome {
  return isFetchOutcomeMessage(value) && Array.isArray((value as Partial<BackgroundFetchOutcome>).records);
}
