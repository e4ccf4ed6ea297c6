import { describe, expect, it } from 'vitest';
import type { RangeState, RequestState } from './db.js';
import type { AnswerHead } from './http.js';
import { newRequestState } from './job.js';
import {
  AUTO_MIN_TOTAL_BYTES,
  equalRanges,
  rangeChunkKeys,
  rangeDone,
  splitLargest,
  splittable,
  storedEnd,
} from './ranges.js';

const MiB = 1024 * 1024;
const CHUNK = 256 * 1024;

function request(changes: Partial<RequestState> = {}): RequestState {
  const base = newRequestState(
    {
      url: 'https://a.test/f',
      method: 'GET',
      headers: [],
      body: null,
      mode: 'cors',
      credentials: 'same-origin',
      integrity: '',
    },
    [],
  );
  return { ...base, total: 64 * MiB, etag: '"v1"', connections: 4, ...changes };
}

const HEAD: AnswerHead = {
  status: 200,
  contentRange: null,
  contentLength: String(64 * MiB),
  contentEncoding: null,
  etag: '"v1"',
  lastModified: null,
};

describe('equalRanges', () => {
  it('covers the total in order without overlap', () => {
    expect(equalRanges(10, 3)).toEqual([
      { start: 0, end: 3, stored: 0, chunkKeys: [] },
      { start: 3, end: 6, stored: 0, chunkKeys: [] },
      { start: 6, end: 10, stored: 0, chunkKeys: [] },
    ]);
  });
});

describe('splittable', () => {
  it('splits a GET of known length with a strong validator, as a resume is validated', () => {
    expect(splittable(request(), HEAD, CHUNK)).toBe(true);
    expect(
      splittable(request({ etag: null, lastModified: 'Mon, 07 Dec 2026 00:00:00 GMT' }), HEAD, CHUNK),
    ).toBe(true);
  });

  it('never without a validator, with a weak ETag, an encoded body, an unknown length or one connection', () => {
    expect(splittable(request({ etag: null }), HEAD, CHUNK)).toBe(false);
    expect(splittable(request({ etag: 'W/"v1"', lastModified: 'Mon' }), HEAD, CHUNK)).toBe(false);
    expect(splittable(request(), { ...HEAD, contentEncoding: 'gzip' }, CHUNK)).toBe(false);
    expect(splittable(request({ total: null }), HEAD, CHUNK)).toBe(false);
    expect(splittable(request({ connections: 1 }), HEAD, CHUNK)).toBe(false);
    expect(splittable(request({ resumable: false }), HEAD, CHUNK)).toBe(false);
  });

  it("leaves short files on one connection: 2 chunks a connection asked for, 16 MiB for 'auto'", () => {
    expect(splittable(request({ total: 8 * CHUNK }), HEAD, CHUNK)).toBe(true);
    expect(splittable(request({ total: 8 * CHUNK - 1 }), HEAD, CHUNK)).toBe(false);
    const auto = { connections: undefined };
    expect(splittable(request({ ...auto, total: AUTO_MIN_TOTAL_BYTES }), HEAD, CHUNK)).toBe(true);
    expect(splittable(request({ ...auto, total: AUTO_MIN_TOTAL_BYTES - 1 }), HEAD, CHUNK)).toBe(false);
  });
});

describe('splitLargest', () => {
  it('cuts the range with the most bytes left (written ones included) in two, after it', () => {
    const ranges: RangeState[] = [
      { start: 0, end: 100, stored: 10, chunkKeys: [] },
      { start: 100, end: 200, stored: 0, chunkKeys: [] },
    ];
    const live = (range: RangeState) => (range.start === 100 ? 30 : 0);
    const added = splitLargest(ranges, live, 10);
    expect(added).toEqual({ start: 55, end: 100, stored: 0, chunkKeys: [] });
    expect(ranges.map(({ start, end }) => [start, end])).toEqual([
      [0, 55],
      [55, 100],
      [100, 200],
    ]);
  });

  it('cuts nothing left under twice the least range', () => {
    const ranges: RangeState[] = [{ start: 0, end: 100, stored: 81, chunkKeys: [] }];
    expect(splitLargest(ranges, () => 0, 10)).toBeUndefined();
    expect(ranges).toHaveLength(1);
  });
});

describe('stored bytes', () => {
  it('tells where the furthest stored byte ends, when each range is done, and the chunks in byte order', () => {
    const ranges: RangeState[] = [
      { start: 0, end: 50, stored: 50, chunkKeys: ['a', 'b'] },
      { start: 50, end: 100, stored: 0, chunkKeys: [] },
      { start: 100, end: 150, stored: 20, chunkKeys: ['c'] },
    ];
    expect(storedEnd({ offset: 70, ranges })).toBe(120);
    expect(storedEnd({ offset: 70 })).toBe(70);
    expect(ranges.map(rangeDone)).toEqual([true, false, false]);
    expect(rangeChunkKeys(ranges)).toEqual(['a', 'b', 'c']);
  });
});
