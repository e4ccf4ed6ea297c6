import {
  type EngineKind,
  isSettled,
  type RegistrationSnapshot,
  type RequestProgress,
  settledStatus,
} from '../client/snapshot.js';
import type { BackgroundFetchFailureReason } from '../spec/spec-types.js';

/**
 * How a service worker tells open pages that a fetch is over. `@bgfetch/sw` posts a `FetchOutcomeMessage` on a
 * `BroadcastChannel` of this name once it has stored and verified the records (or failed to); every client on the
 * origin listens and settles its snapshot. The figures are the registration's as the service worker saw them,
 * except that `result` / `failureReason` carry the kit's verdict: a native "success" with a truncated or
 * mismatching record arrives here as `failure` / `fetch-error`.
 */
export const OUTCOME_CHANNEL_NAME = 'bgfetch:outcome';

export interface FetchOutcomeMessage {
  type: 'bgfetch:outcome';
  engine: EngineKind;
  registration: {
    id: string;
    uploadTotal: number;
    uploaded: number;
    downloadTotal: number;
    downloaded: number;
    result: 'success' | 'failure';
    failureReason: BackgroundFetchFailureReason;
    recordsAvailable: boolean;
    /** The run the verdict is on (`RegistrationSnapshot.token`), where the engine has runs. */
    token?: string;
  };
  /**
   * What became of each record (the service worker's handlers send it): each one's HTTP status, by URL, and why
   * it was not stored (`problem: 'unaccepted'` and its `message`: the fetch's `accept` refused it).
   */
  records?: readonly {
    url: string;
    method: string;
    status: number | null;
    problem?: string;
    message?: string;
  }[];
}

/** Channel messages come from any code on the origin: check the shape before trusting one. */
export function isFetchOutcomeMessage(value: unknown): value is FetchOutcomeMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, engine, registration } = value as Partial<FetchOutcomeMessage>;
  return (
    type === 'bgfetch:outcome' &&
    (engine === 'native' || engine === 'fallback') &&
    typeof registration === 'object' &&
    registration !== null &&
    typeof registration.id === 'string' &&
    (registration.result === 'success' || registration.result === 'failure')
  );
}

/**
 * Whether an outcome is on another run of the id than the running one the page shows (a late verdict on an earlier
 * run, arriving after the id was fetched again): it must not settle that run. Over a settled run it may be the
 * verdict on a next run this page did not see start (another page dispatched it), so it applies.
 */
export function isOutcomeOfAnotherRun(
  message: FetchOutcomeMessage,
  known: RegistrationSnapshot | undefined,
): boolean {
  const { token } = message.registration;
  if (token === undefined || known?.token === undefined || isSettled(known)) return false;
  return token !== known.token;
}

/**
 * The settled snapshot an outcome makes. It keeps what the page knew about the fetch (title, requests, start),
 * or starts from nothing for a fetch this page never saw (begun in another tab after this one loaded).
 */
export function snapshotFromOutcome(
  message: FetchOutcomeMessage,
  known: RegistrationSnapshot | undefined,
  now: number,
): RegistrationSnapshot {
  const { id, uploadTotal, uploaded, downloadTotal, downloaded, result, failureReason, recordsAvailable } =
    message.registration;
  const { token } = message.registration;
  return {
    id,
    uploadTotal,
    uploaded,
    downloadTotal,
    downloaded,
    result,
    failureReason,
    recordsAvailable,
    engine: message.engine,
    status: settledStatus(result, failureReason),
    title: known?.title ?? '',
    requests: requestsWithStatus(known?.requests, message.records),
    startedAt: known?.startedAt ?? now,
    updatedAt: now,
    ...(token === undefined ? {} : { token }),
  };
}

/**
 * The requests as the page knew them, each with the status its record's outcome gives (a native fetch's only source
 * of it); for a fetch the page never saw, the outcome's records are its requests.
 */
function requestsWithStatus(
  known: readonly RequestProgress[] | undefined,
  records: FetchOutcomeMessage['records'],
): RequestProgress[] {
  if (!Array.isArray(records)) return [...(known ?? [])];
  // A channel message comes from any code on the origin: only well-formed records count.
  const named = records.filter(
    (record) => typeof record?.url === 'string' && typeof record.method === 'string',
  );
  const told = (record: (typeof named)[number]) => ({
    ...(typeof record.status === 'number' ? { status: record.status } : {}),
    ...(record.problem === 'unaccepted' && typeof record.message === 'string'
      ? { refused: record.message }
      : {}),
  });
  if (known === undefined || known.length === 0) {
    return named.map((record) => ({
      url: record.url,
      method: record.method,
      downloaded: null,
      downloadTotal: null,
      status: null,
      ...told(record),
    }));
  }
  return known.map((request) => {
    const record = named.find(({ url, method }) => url === request.url && method === request.method);
    return record === undefined ? request : { ...request, ...told(record) };
  });
}
