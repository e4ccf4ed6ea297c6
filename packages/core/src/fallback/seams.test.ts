import { describe, expect, it } from 'vitest';
import type { RequestState } from './db.js';
import { checkSeam, hidesHeaders, repeats, SEAM_BYTES, SeamMismatch, seamLength } from './seams.js';

const page = 'https://app.example';
const of = (url: string, answered = url) =>
  ({ request: { url }, response: { url: answered } }) as unknown as Pick<
    RequestState,
    'request' | 'response'
  >;

describe('seamLength', () => {
  it('repeats up to SEAM_BYTES stored bytes of a cross-origin answer, none of a same-origin one', () => {
    expect(seamLength(of('https://cdn.example/a'), 10_000, page)).toBe(SEAM_BYTES);
    expect(seamLength(of('https://cdn.example/a'), 10, page)).toBe(10);
    expect(seamLength(of(`${page}/a`), 10_000, page)).toBe(0);
  });

  it('goes by where the answer came from: a same-origin URL redirected to another origin repeats', () => {
    expect(seamLength(of(`${page}/a`, 'https://cdn.example/a'), 10_000, page)).toBe(SEAM_BYTES);
    expect(seamLength(of('https://cdn.example/a', ''), 10_000, page)).toBe(SEAM_BYTES);
  });
});

describe('checkSeam', () => {
  const stored = Uint8Array.from({ length: 64 }, (_, index) => index);

  it('passes bytes that repeat the stored ones', () => {
    expect(repeats(Array.from(stored), stored)).toBe(true);
    expect(() => checkSeam(stored.slice(), stored, 1000)).not.toThrow();
  });

  it('refuses one byte of difference, or fewer stored bytes, as a SeamMismatch', () => {
    const other = stored.slice();
    other[63] = (other[63] ?? 0) ^ 1;
    expect(repeats(other, stored)).toBe(false);
    expect(repeats(stored, stored.slice(1))).toBe(false);
    expect(() => checkSeam(other, stored, 1000)).toThrow(SeamMismatch);
  });
});

describe('hidesHeaders', () => {
  it('is true when the request or its answer is cross-origin', () => {
    expect(hidesHeaders(of('https://cdn.example/a'), page)).toBe(true);
    expect(hidesHeaders(of(`${page}/a`), page)).toBe(false);
    expect(hidesHeaders(of(`${page}/a`, 'https://cdn.example/a'), page)).toBe(true);
  });

  it('stays true for a cross-origin request redirected to the page origin: its answer stays filtered', () => {
    expect(hidesHeaders(of('https://cdn.example/a', `${page}/a`), page)).toBe(true);
  });
});
