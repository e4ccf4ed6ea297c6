import { describe, expect, it } from 'vitest';
import type { RequestState } from './db.js';
import { JobPack, PACK_MAX_BYTES } from './job-pack.js';

const packed = (start: number, end: number) => ({ packed: { file: 'job-pack', start, end } }) as RequestState;
const unpacked = {} as RequestState;

describe('JobPack places', () => {
  it('gives each small response its own place, one after the other', () => {
    const pack = new JobPack('job-pack', []);
    expect(pack.reserve(100)).toEqual({ file: 'job-pack', start: 0, end: 100 });
    expect(pack.reserve(PACK_MAX_BYTES)).toEqual({ file: 'job-pack', start: 100, end: 100 + PACK_MAX_BYTES });
  });

  it('takes no response without a length, an empty one, or one over the limit', () => {
    const pack = new JobPack('job-pack', []);
    expect(pack.reserve(null)).toBeUndefined();
    expect(pack.reserve(0)).toBeUndefined();
    expect(pack.reserve(PACK_MAX_BYTES + 1)).toBeUndefined();
    expect(pack.reserve(1)).toEqual({ file: 'job-pack', start: 0, end: 1 });
  });

  it('never reuses a place a request of the job recorded, in whatever order they were taken', () => {
    const pack = new JobPack('job-pack', [packed(300, 400), unpacked, packed(0, 300)]);
    expect(pack.reserve(10)).toEqual({ file: 'job-pack', start: 400, end: 410 });
  });
});
