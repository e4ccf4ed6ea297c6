import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStorageState, STORAGE_STATE_WAIT_MS } from './persistence.js';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('readStorageState', () => {
  it("gives the browser's answer", async () => {
    vi.stubGlobal('navigator', {
      storage: { persisted: async () => true, estimate: async () => ({ usage: 5, quota: 100 }) },
    });
    expect(await readStorageState()).toEqual({ persisted: true, usage: 5, quota: 100 });
  });

  it('answers "nothing known" where the browser has no Storage API', async () => {
    vi.stubGlobal('navigator', {});
    expect(await readStorageState()).toEqual({ persisted: false, usage: undefined, quota: undefined });
  });

  it('answers "nothing known" when the browser has not answered in time, and never waits for ever', async () => {
    vi.useFakeTimers();
    const never = () => new Promise<never>(() => {});
    vi.stubGlobal('navigator', {
      storage: { persisted: never, estimate: async () => ({ usage: 5, quota: 100 }) },
    });
    const state = readStorageState();
    await vi.advanceTimersByTimeAsync(STORAGE_STATE_WAIT_MS);
    expect(await state).toEqual({ persisted: false, usage: undefined, quota: undefined });
  });
});
