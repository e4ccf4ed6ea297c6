import { describe, expect, it } from 'vitest';
import type { RequestState } from './db.js';
import { JobPack, PACK_MAX_BYTES, placeOf } from './job-pack.js';

describe('JobPack places', () => {
  it('gives each small response its own place, one after the other', () => {
    const pack = new JobPack('run-pack');
    expect(pack.reserve(100)).toEqual({ file: 'run-pack', start: 0, end: 100 });
    expect(pack.reserve(PACK_MAX_BYTES)).toEqual({ file: 'run-pack', start: 100, end: 100 + PACK_MAX_BYTES });
  });

  it('takes no response without a length, an empty one, or one over the limit', () => {
    const pack = new JobPack('run-pack');
    expect(pack.reserve(null)).toBeUndefined();
    expect(pack.reserve(0)).toBeUndefined();
    expect(pack.reserve(PACK_MAX_BYTES + 1)).toBeUndefined();
    expect(pack.reserve(1)).toEqual({ file: 'run-pack', start: 0, end: 1 });
  });
});

describe('placeOf', () => {
  const packed = { file: 'run-pack', start: 10, end: 20, epoch: 2 };

  it("is the request's place while the place was taken in the request's epoch", () => {
    expect(placeOf({ epoch: 2, packed } as RequestState)).toEqual({ file: 'run-pack', start: 10, end: 20 });
  });

  it('is none once a restart raised the epoch (a tab of an older kit restarts without knowing of places)', () => {
    expect(placeOf({ epoch: 3, packed } as RequestState)).toBeUndefined();
    expect(placeOf({ epoch: 2 } as RequestState)).toBeUndefined();
  });
});
