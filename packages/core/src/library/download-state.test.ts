import { describe, expect, it } from 'vitest';
import type { StoredFetch } from '../landing/fetch-index.js';
import type { BackgroundFetchOutcome } from '../landing/outcome.js';
import { bytesUsed, downloadOf, mergeDownloads } from './download-state.js';

const a = 'https://a.test/a.mp3';
const b = 'https://a.test/b.jpg';

function entry(result: 'success' | 'failure', urls: string[], settledAt = 10): StoredFetch {
  const outcome = {
    type: 'bgfetch:outcome',
    engine: 'fallback',
    registration: { id: 'ep', result, failureReason: result === 'success' ? '' : 'bad-status' },
    cacheName: 'bgfetch:records',
    records: [],
    settledAt,
  } as unknown as BackgroundFetchOutcome;
  return { id: 'ep', urls, title: 'Episode', outcome };
}

describe('downloadOf', () => {
  it('is complete when it succeeded and every record is in the cache, with their bytes', () => {
    expect(
      downloadOf(
        entry('success', [a, b]),
        new Map([
          [a, 5],
          [b, 7],
        ]),
      ),
    ).toEqual({
      id: 'ep',
      title: 'Episode',
      urls: [a, b],
      bytes: 12,
      settledAt: 10,
      state: 'complete',
    });
  });

  it('is partial after a failure that kept records, and missing once any record is gone', () => {
    expect(downloadOf(entry('failure', [a]), new Map([[a, 5]]))?.state).toBe('partial');
    // A failed re-run that stored nothing: the earlier success's records are still its whole copy.
    expect(downloadOf({ ...entry('failure', [a]), whole: true }, new Map([[a, 5]]))?.state).toBe('complete');
    const gone = downloadOf(
      entry('success', [a, b]),
      new Map([
        [a, 5],
        [b, undefined],
      ]),
    );
    expect(gone).toMatchObject({ state: 'missing', bytes: 5 });
  });

  it('is no download when nothing was stored or it has not settled', () => {
    expect(downloadOf(entry('failure', []), new Map())).toBeUndefined();
    expect(downloadOf({ id: 'ep', urls: [a] }, new Map([[a, 5]]))).toBeUndefined();
  });

  it('is named by its id without a title', () => {
    const { title: _, ...untitled } = entry('success', [a]);
    expect(downloadOf(untitled, new Map([[a, 1]]))?.title).toBe('ep');
  });
});

describe('mergeDownloads', () => {
  it('adds the noted fetches no entry lists as missing, newest first', () => {
    const found = downloadOf(entry('success', [a], 20), new Map([[a, 5]]));
    const merged = mergeDownloads(found ? [found] : [], [
      { id: 'ep', urls: [a], settledAt: 20 },
      { id: 'old', title: 'Old', urls: [b], settledAt: 5 },
      { id: 'new', urls: [b], settledAt: 30 },
    ]);
    expect(merged.map(({ id, state, bytes, title }) => ({ id, state, bytes, title }))).toEqual([
      { id: 'new', state: 'missing', bytes: 0, title: 'new' },
      { id: 'ep', state: 'complete', bytes: 5, title: 'Episode' },
      { id: 'old', state: 'missing', bytes: 0, title: 'Old' },
    ]);
  });
});

describe('bytesUsed', () => {
  it('counts each URL once and nothing for one that is gone', () => {
    expect(
      bytesUsed(
        new Map([
          [a, 5],
          [b, undefined],
        ]),
      ),
    ).toBe(5);
  });
});
