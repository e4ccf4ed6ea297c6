import { DEFAULT_RETRY } from './backoff.js';

/**
 * Pure HTTP decisions of the fallback engine: how to ask for the rest of a response, and whether an answer may be
 * appended to the bytes already stored. Bytes of two versions are never spliced: anything that does not prove it
 * continues the stored bytes exactly (same validator, same total, the right offset) restarts the request from zero.
 */

export interface ContentRange {
  start: number;
  /** Inclusive. */
  end: number;
  /** `null` for `*` (unknown). */
  total: number | null;
}

/** Parses `bytes <start>-<end>/<total|*>`; `undefined` for anything else (including an unsatisfied-range answer, `bytes *` + `/total`). */
export function parseContentRange(value: string | null): ContentRange | undefined {
  const match = value?.trim().match(/^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i);
  if (!match) return undefined;
  const start = Number(match[1]);
  const end = Number(match[2]);
  const total = match[3] === '*' ? null : Number(match[3]);
  if (end < start || (total !== null && end >= total)) return undefined;
  return { start, end, total };
}

/** What is known of the stored bytes of one request. */
export interface StoredState {
  /** Bytes stored so far. */
  offset: number;
  etag: string | null;
  lastModified: string | null;
  /** The whole response's length, when known. */
  total: number | null;
  /** `false` once a resume of these bytes is known not to work (`RequestState.resumable`): they restart. */
  resumable?: false;
}

/**
 * The validator for `If-Range`: a strong ETag, else Last-Modified when there is no ETag at all; `null` when the
 * bytes cannot be resumed. Never a date beside a weak ETag: the server has said its bytes may change within the
 * second a date names (RFC 9110 §13.1.5).
 */
export function ifRangeValidator(state: Pick<StoredState, 'etag' | 'lastModified'>): string | null {
  if (state.etag !== null) return state.etag.startsWith('W/') ? null : state.etag;
  return state.lastModified;
}

/** The headers that continue a stored request, or `undefined` when it must start from zero. */
export function resumeHeaders(state: StoredState, method: string): Record<string, string> | undefined {
  if (state.offset === 0 || method !== 'GET' || state.resumable === false) return undefined;
  const validator = ifRangeValidator(state);
  if (validator === null) return undefined;
  return { Range: `bytes=${state.offset}-`, 'If-Range': validator };
}

/**
 * A body longer than the length its answer gave (its `Content-Length`, a range's end): only one the browser decoded
 * can be, so its server encodes it without showing it (request-run.ts `outgrown`).
 */
export class BodyOutgrown extends Error {}

/** The parts of an answer the decision looks at. */
export interface AnswerHead {
  status: number;
  contentRange: string | null;
  contentLength: string | null;
  contentEncoding: string | null;
  etag: string | null;
  lastModified: string | null;
}

/** The parts of `response`'s head the decision looks at. */
export function answerHead(response: Response): AnswerHead {
  const header = (name: string) => response.headers.get(name);
  return {
    status: response.status,
    contentRange: header('Content-Range'),
    contentLength: header('Content-Length'),
    contentEncoding: header('Content-Encoding'),
    etag: header('ETag'),
    lastModified: header('Last-Modified'),
  };
}

export type Decision =
  /** Store this body from byte `from` (0: the stored bytes, if any, are dropped first when `restart`). */
  | { kind: 'store'; from: number; total: number | null; restart: boolean }
  /** The answer cannot be appended and its body is not the whole resource: drop the stored bytes, ask again. */
  | { kind: 'refetch'; why: string }
  /** A non-2xx answer: `transient` ones are worth retrying. */
  | { kind: 'status'; transient: boolean };

/**
 * Decides what to do with the answer to a request sent with `resumeHeaders(state)` (or none, at offset 0), its
 * range asked from `seam` bytes before the stored ones (seams.ts). `retryStatuses` say "try again later" rather
 * than "no" (`RetryPolicy.statuses`).
 */
export function decide(
  state: StoredState,
  resumed: boolean,
  head: AnswerHead,
  retryStatuses: readonly number[] = DEFAULT_RETRY.statuses,
  seam = 0,
): Decision {
  const { status } = head;
  if (resumed && status === 416) return { kind: 'refetch', why: 'the server refused the range (416)' };
  if (status < 200 || status > 299) return { kind: 'status', transient: retryStatuses.includes(status) };
  const encoded = head.contentEncoding !== null && head.contentEncoding.toLowerCase() !== 'identity';
  if (status !== 206) {
    // A whole body: the first answer, or a server that ignored Range / a failed If-Range (a new version).
    const length = encoded ? null : toLength(head.contentLength);
    return { kind: 'store', from: 0, total: length, restart: state.offset > 0 };
  }
  const range = parseContentRange(head.contentRange);
  if (range === undefined)
    return { kind: 'refetch', why: `an unreadable Content-Range (${head.contentRange})` };
  if (!resumed) {
    // A 206 we did not ask for: acceptable only as the whole resource.
    if (range.start === 0 && range.total !== null && range.end === range.total - 1) {
      return { kind: 'store', from: 0, total: range.total, restart: state.offset > 0 };
    }
    return { kind: 'refetch', why: 'a partial answer to a request without Range' };
  }
  if (range.start !== state.offset - seam) {
    return { kind: 'refetch', why: `a 206 from byte ${range.start} where ${state.offset - seam} was asked` };
  }
  if (state.etag !== null && head.etag !== null && head.etag !== state.etag) {
    return { kind: 'refetch', why: `the ETag changed (${state.etag} → ${head.etag})` };
  }
  if (state.lastModified !== null && head.lastModified !== null && head.lastModified !== state.lastModified) {
    return { kind: 'refetch', why: 'Last-Modified changed' };
  }
  if (state.total !== null && range.total !== state.total) {
    return { kind: 'refetch', why: `the total length changed (${state.total} → ${range.total})` };
  }
  return { kind: 'store', from: state.offset, total: range.total ?? state.total, restart: false };
}

/**
 * A `Retry-After` header in ms from `now`: delta-seconds or an HTTP date (one in the past is 0); `undefined` when
 * absent or unreadable (then the back-off decides).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (text === undefined || text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // HTTP dates start with the day's name; anything else is not one, whatever Date.parse makes of it.
  const date = /^[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function toLength(value: string | null): number | null {
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}
