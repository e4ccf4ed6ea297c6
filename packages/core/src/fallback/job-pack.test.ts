import { describe, expect, it } from 'vitest';
import { JobPack, PACK_MAX_BYTES } from './job-pack.js';

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
