/** HTTP range requests (RFC 9110 §14): the parts of the standard the server implements, as pure functions. */

export type RangeRequest =
  /** No usable Range: send the whole body with 200. */
  | { kind: 'whole' }
  /** A valid range that selects no byte of the body: 416. */
  | { kind: 'unsatisfiable' }
  | { kind: 'partial'; start: number; end: number };

const SINGLE_RANGE = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i;

/**
 * Reads one `Range` header against a body of `size` bytes. Forms: `bytes=a-b`, `bytes=a-`, `bytes=-n`.
 * Malformed and multi-range headers are ignored (whole body): RFC 9110 lets a server ignore Range, and multipart
 * responses are not something the kit ever asks for.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header);
  if (!match) return { kind: 'whole' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'whole' };
  if (first === '') {
    const suffix = Number(last);
    return suffix === 0 || size === 0
      ? { kind: 'unsatisfiable' }
      : partial(Math.max(0, size - suffix), size - 1);
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'whole' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return partial(start, last === '' ? size - 1 : Math.min(Number(last), size - 1));
}

/** Whether a `Range` header asks for everything from an offset on (`bytes=N-`), which a server may answer in part. */
export function isOpenEnded(header: string | undefined): boolean {
  const match = header === undefined ? null : SINGLE_RANGE.exec(header);
  return match !== null && match[1] !== '' && match[2] === '';
}

function partial(start: number, end: number): RangeRequest {
  return { kind: 'partial', start, end };
}

/**
 * The range to serve for a request's `Range` and `If-Range` headers: when If-Range no longer names the
 * representation, the client's partial copy is stale and it gets the whole body instead.
 */
export function requestedRange(
  range: string | undefined,
  ifRange: string | undefined,
  size: number,
  validators: { etag: string; lastModified: Date },
): RangeRequest {
  if (ifRange !== undefined && !ifRangeMatches(ifRange, validators.etag, validators.lastModified)) {
    return { kind: 'whole' };
  }
  return parseRange(range, size);
}

/**
 * Whether an `If-Range` value still names the current representation, so its Range may be honoured. An entity tag
 * must match strongly (a weak one never matches); a date must equal Last-Modified to the second.
 */
export function ifRangeMatches(value: string, etag: string, lastModified: Date): boolean {
  const trimmed = value.trim();
  if (trimmed.startsWith('"') || trimmed.startsWith('W/')) return trimmed === etag;
  const date = Date.parse(trimmed);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(lastModified.getTime() / 1000);
}

export function contentRange(start: number, end: number, size: number): string {
  return `bytes ${start}-${end}/${size}`;
}
