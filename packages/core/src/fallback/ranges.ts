import type { RangeState, RequestState } from './db.js';
import { type AnswerHead, ifRangeValidator } from './http.js';

/**
 * How a request is cut into byte ranges fetched at once over several connections (docs/architecture.md,
 * "Ranges"). Pure: the lanes that fetch them are in ranged-fetch.ts. Ranges are kept in order of their start, cover
 * the response from 0 to its total without overlap, and each knows how many of its bytes are stored.
 */

/** The most connections `'auto'` opens for one request. */
export const AUTO_CONNECTIONS_CAP = 6;

/** The least length `'auto'` fetches as ranges: a shorter request stays on one connection. */
export const AUTO_MIN_TOTAL_BYTES = 16 * 1024 * 1024;

/**
 * The least `'auto'` cuts a range to, whatever the chunk size: one more connection for less would not pay for its
 * round trip, and at the end of a download a connection that is done still takes half of what another has left.
 */
export const AUTO_MIN_RANGE_BYTES = 2 * 1024 * 1024;

/** The least bytes a range is cut to: `chunkSize` for a number of connections the fetch asked for. */
export function minRangeBytes(request: Pick<RequestState, 'connections'>, chunkSize: number): number {
  return request.connections === undefined ? AUTO_MIN_RANGE_BYTES : chunkSize;
}

/** The first byte of `range` not stored yet. */
export function rangePosition(range: RangeState): number {
  return range.start + range.stored;
}

export function rangeDone(range: RangeState): boolean {
  return rangePosition(range) >= range.end;
}

/** `total` bytes in `count` ranges of (nearly) equal length, nothing stored. */
export function equalRanges(total: number, count: number): RangeState[] {
  const ranges: RangeState[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = Math.floor((total * index) / count);
    const end = Math.floor((total * (index + 1)) / count);
    ranges.push({ start, end, stored: 0, chunkKeys: [] });
  }
  return ranges;
}

/**
 * Whether the first answer (its head as `request` recorded it) lets the rest be fetched as ranges: a GET of known
 * length whose bytes a `Range` + `If-Range` can name (a strong ETag, or Last-Modified, as for a resume), not encoded
 * by the transfer, long enough (`minTotal`), and a fetch that did not ask for one connection.
 */
export function splittable(request: RequestState, head: AnswerHead, chunkSize: number): boolean {
  const encoded = head.contentEncoding !== null && head.contentEncoding.toLowerCase() !== 'identity';
  return (
    request.connections !== 1 &&
    request.request.method === 'GET' &&
    request.resumable !== false &&
    !encoded &&
    request.total !== null &&
    request.total >= minTotal(request, chunkSize) &&
    ifRangeValidator(request) !== null
  );
}

/** The least length fetched as ranges: `AUTO_MIN_TOTAL_BYTES`, or two chunks for each connection asked for. */
function minTotal(request: Pick<RequestState, 'connections'>, chunkSize: number): number {
  return request.connections === undefined ? AUTO_MIN_TOTAL_BYTES : 2 * chunkSize * request.connections;
}

/** Connections the request opens once its first answer came: all it asked for, or one for `'auto'`. */
export function connectionsAtFirst(request: Pick<RequestState, 'connections'>): number {
  return request.connections ?? 1;
}

/**
 * Cuts the range with the most bytes left in two, so that one more connection can fetch its second half; `live`
 * tells the bytes each range has written but not committed (they stay with it). Returns the new range (put after
 * the one cut), or `undefined` when no range has at least `2 × minBytes` left.
 */
export function splitLargest(
  ranges: RangeState[],
  live: (range: RangeState) => number,
  minBytes: number,
): RangeState | undefined {
  let largest: RangeState | undefined;
  let largestLeft = 0;
  for (const range of ranges) {
    const left = range.end - rangePosition(range) - live(range);
    if (left > largestLeft) {
      largest = range;
      largestLeft = left;
    }
  }
  if (largest === undefined || largestLeft < 2 * minBytes) return undefined;
  const middle = largest.end - Math.floor(largestLeft / 2);
  const added: RangeState = { start: middle, end: largest.end, stored: 0, chunkKeys: [] };
  largest.end = middle;
  ranges.splice(ranges.indexOf(largest) + 1, 0, added);
  return added;
}

/** The end of the stored bytes furthest into the response: a file holding them is at least this long. */
export function storedEnd(request: Pick<RequestState, 'offset' | 'ranges'>): number {
  if (request.ranges === undefined) return request.offset;
  return request.ranges.reduce(
    (end, range) => (range.stored > 0 ? Math.max(end, rangePosition(range)) : end),
    0,
  );
}

/** Every chunk a request's record names, in the order of their bytes. */
export function rangeChunkKeys(ranges: readonly RangeState[]): string[] {
  return ranges.flatMap((range) => range.chunkKeys);
}
