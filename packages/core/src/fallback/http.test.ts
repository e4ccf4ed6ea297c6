import { describe, expect, it } from 'vitest';
import {
  type AnswerHead,
  decide,
  ifRangeValidator,
  parseContentRange,
  parseRetryAfter,
  resumeHeaders,
  type StoredState,
} from './http.js';

const stored: StoredState = {
  offset: 1000,
  etag: '"v1"',
  lastModified: 'Mon, 01 Jan 2024 01:00:00 GMT',
  total: 5000,
};
const head = (overrides: Partial<AnswerHead>): AnswerHead => ({
  status: 206,
  contentRange: 'bytes 1000-4999/5000',
  contentLength: '4000',
  contentEncoding: null,
  etag: '"v1"',
  lastModified: stored.lastModified,
  ...overrides,
});

describe('parseContentRange', () => {
  it('reads start, end and total', () => {
    expect(parseContentRange('bytes 0-99/100')).toEqual({ start: 0, end: 99, total: 100 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
  });
  it('refuses anything else', () => {
    for (const value of [null, '', 'bytes */100', 'bytes 9-5/100', 'bytes 0-100/100', 'items 0-1/2']) {
      expect(parseContentRange(value)).toBeUndefined();
    }
  });
});

describe('resumeHeaders', () => {
  it('asks for the rest with a strong ETag, else Last-Modified', () => {
    expect(resumeHeaders(stored, 'GET')).toEqual({ Range: 'bytes=1000-', 'If-Range': '"v1"' });
    expect(resumeHeaders({ ...stored, etag: null }, 'GET')?.['If-Range']).toBe(stored.lastModified);
  });
  it('starts over without a validator, at offset 0, or for a request with a body', () => {
    expect(resumeHeaders({ ...stored, etag: null, lastModified: null }, 'GET')).toBeUndefined();
    expect(resumeHeaders({ ...stored, offset: 0 }, 'GET')).toBeUndefined();
    expect(resumeHeaders(stored, 'POST')).toBeUndefined();
    expect(ifRangeValidator({ etag: 'W/"x"', lastModified: null })).toBeNull();
    expect(resumeHeaders({ ...stored, resumable: false }, 'GET')).toBeUndefined();
  });
  it('never names a date beside a weak ETag', () => {
    expect(resumeHeaders({ ...stored, etag: 'W/"weak"' }, 'GET')).toBeUndefined();
  });
});

describe('decide', () => {
  it('appends a 206 that continues the stored bytes exactly', () => {
    expect(decide(stored, true, head({}))).toEqual({
      kind: 'store',
      from: 1000,
      total: 5000,
      restart: false,
    });
  });
  it('appends a 206 asked for from some stored bytes before the rest, from the stored bytes on', () => {
    expect(decide(stored, true, head({ contentRange: 'bytes 936-4999/5000' }), undefined, 64)).toEqual({
      kind: 'store',
      from: 1000,
      total: 5000,
      restart: false,
    });
    expect(decide(stored, true, head({}), undefined, 64).kind).toBe('refetch');
  });
  it('restarts from zero on a 200 to a Range request (Range ignored, or If-Range failed)', () => {
    expect(decide(stored, true, head({ status: 200, contentRange: null, contentLength: '5000' }))).toEqual({
      kind: 'store',
      from: 0,
      total: 5000,
      restart: true,
    });
  });
  it('never splices a 206 from the wrong offset, another version or another length', () => {
    expect(decide(stored, true, head({ contentRange: 'bytes 0-4999/5000' })).kind).toBe('refetch');
    expect(decide(stored, true, head({ etag: '"v2"' })).kind).toBe('refetch');
    expect(decide(stored, true, head({ lastModified: 'Tue, 02 Jan 2024 01:00:00 GMT' })).kind).toBe(
      'refetch',
    );
    expect(decide(stored, true, head({ contentRange: 'bytes 1000-5999/6000' })).kind).toBe('refetch');
    expect(decide(stored, true, head({ status: 416, contentRange: 'bytes */5000' })).kind).toBe('refetch');
  });
  it('takes a first answer whole; its length only when not content-encoded', () => {
    const fresh = { ...stored, offset: 0 };
    expect(
      decide(fresh, false, head({ status: 200, contentRange: null, contentLength: '5000' })),
    ).toMatchObject({
      from: 0,
      total: 5000,
      restart: false,
    });
    expect(
      decide(fresh, false, head({ status: 200, contentRange: null, contentEncoding: 'gzip' })),
    ).toMatchObject({ total: null });
  });
  it('tells transient statuses from final ones', () => {
    expect(decide(stored, true, head({ status: 503 }))).toEqual({ kind: 'status', transient: true });
    expect(decide(stored, false, head({ status: 404 }))).toEqual({ kind: 'status', transient: false });
    for (const status of [500, 501, 505]) {
      expect(decide(stored, false, head({ status }))).toEqual({ kind: 'status', transient: false });
    }
    expect(decide(stored, false, head({ status: 500 }), [500])).toEqual({ kind: 'status', transient: true });
    expect(decide(stored, false, head({ status: 503 }), [500])).toEqual({ kind: 'status', transient: false });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('Mon, 01 Jan 2024 01:00:00 GMT');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 01:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:00 GMT', now)).toBe(0);
  });
  it('is undefined when absent or unreadable', () => {
    for (const value of [null, '', '-1', 'soon', '1.5']) expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
