import { describe, expect, it } from 'vitest';
import { bodyKey, chunkKey, jobChunkPrefix } from './keys.js';

describe('chunk keys', () => {
  const origin = 'http://127.0.0.1:8080';
  it('are same-origin URLs under the job prefix, per request, epoch and index', () => {
    expect(chunkKey(origin, 'ep 42/a', 'ab12', 1, 2, 3)).toBe(
      'http://127.0.0.1:8080/__bgfetch/chunks/ep%2042%2Fa/ab12/1/2/3',
    );
    expect(chunkKey(origin, 'x', 't', 0, 0, 0).startsWith(jobChunkPrefix(origin, 'x', 't'))).toBe(true);
    expect(bodyKey(origin, 'x', 't', 4)).toBe(`${jobChunkPrefix(origin, 'x', 't')}4/body`);
  });
  it('keep a reused id or a restarted request apart', () => {
    expect(chunkKey(origin, 'x', 't1', 0, 0, 0)).not.toBe(chunkKey(origin, 'x', 't2', 0, 0, 0));
    expect(chunkKey(origin, 'x', 't', 0, 0, 0)).not.toBe(chunkKey(origin, 'x', 't', 0, 1, 0));
  });
});
