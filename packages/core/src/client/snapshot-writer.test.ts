import { describe, expect, it } from 'vitest';
import { manualFrames } from '../testing/manual-frames.js';
import { snapshot } from '../testing/snapshots.js';
import { createSnapshotWriter } from './snapshot-writer.js';
import { createBackgroundFetchStore } from './store.js';

function setup() {
  const store = createBackgroundFetchStore();
  const frames = manualFrames();
  const writer = createSnapshotWriter(store, frames.schedule);
  let writes = 0;
  store.subscribe(() => {
    writes += 1;
  });
  return { store, frames, writer, writes: () => writes };
}

/** Every `downloaded` the store shows for episode-1, one per write. */
function downloadedSeen(store: ReturnType<typeof createBackgroundFetchStore>): number[] {
  const seen: number[] = [];
  store.subscribe((state) => {
    seen.push(state.registrations['episode-1']?.downloaded ?? -1);
  });
  return seen;
}

describe('the coalescing snapshot writer', () => {
  it('writes a new fetch at once', () => {
    const { store, writer, writes } = setup();
    writer.write(snapshot({ status: 'pending' }));
    expect(writes()).toBe(1);
    expect(store.getState().registrations['episode-1']?.status).toBe('pending');
  });

  it('writes a burst of progress once per frame, with the latest figures', () => {
    const { store, frames, writer, writes } = setup();
    writer.write(snapshot({ downloaded: 0 }));
    for (let downloaded = 1; downloaded <= 100; downloaded += 1) writer.write(snapshot({ downloaded }));
    expect(writes()).toBe(1);
    expect(frames.pending).toBe(1);
    frames.frame();
    expect(writes()).toBe(2);
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(100);
    frames.frame();
    expect(writes()).toBe(2);
  });

  it('writes the progress of several fetches in the same frame together', () => {
    const { store, frames, writer, writes } = setup();
    writer.write(snapshot({ id: 'a' }));
    writer.write(snapshot({ id: 'b' }));
    writer.write(snapshot({ id: 'a', downloaded: 10 }));
    writer.write(snapshot({ id: 'b', downloaded: 20 }));
    expect(frames.pending).toBe(1);
    frames.frame();
    expect(writes()).toBe(3);
    const { a, b } = store.getState().registrations;
    expect([a?.downloaded, b?.downloaded]).toEqual([10, 20]);
  });

  it('keeps the other registrations the same objects, so their selectors do not re-render', () => {
    const { store, frames, writer } = setup();
    writer.write(snapshot({ id: 'a' }));
    writer.write(snapshot({ id: 'b' }));
    const before = store.getState().registrations.b;
    writer.write(snapshot({ id: 'a', downloaded: 10 }));
    frames.frame();
    expect(store.getState().registrations.b).toBe(before);
  });

  it('writes a final state at once, dropping held progress and its frame', () => {
    const { store, frames, writer, writes } = setup();
    writer.write(snapshot());
    writer.write(snapshot({ downloaded: 50 }));
    writer.write(snapshot({ downloaded: 100, result: 'success', status: 'success' }));
    expect(writes()).toBe(2);
    expect(store.getState().registrations['episode-1']?.status).toBe('success');
    frames.frame();
    expect(writes()).toBe(2);
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(100);
  });

  it('writes a status change at once', () => {
    const { store, writer, writes } = setup();
    writer.write(snapshot({ status: 'pending' }));
    writer.write(snapshot({ status: 'fetching', downloaded: 1 }));
    expect(writes()).toBe(2);
    expect(store.getState().registrations['episode-1']?.status).toBe('fetching');
  });

  it('writes downloaded going down at once: a restart from zero is never merged away', () => {
    const { store, frames, writer, writes } = setup();
    const seen = downloadedSeen(store);
    writer.write(snapshot({ status: 'fetching', downloaded: 100 }));
    writer.write(snapshot({ status: 'fetching', downloaded: 0 }));
    expect(writes()).toBe(2);
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(0);
    expect(seen).toEqual([100, 0]);
    frames.frame();
    expect(writes()).toBe(2);
  });

  it('writes held progress before the drop, so the store shows the peak and then the restart', () => {
    const { store, frames, writer, writes } = setup();
    const seen = downloadedSeen(store);
    writer.write(snapshot({ status: 'fetching', downloaded: 10 }));
    writer.write(snapshot({ status: 'fetching', downloaded: 500 }));
    expect(writes()).toBe(1);
    // Lower than what is held (500) but above what the store shows (10): still a drop.
    writer.write(snapshot({ status: 'fetching', downloaded: 20 }));
    expect(seen).toEqual([10, 500, 20]);
    frames.frame();
    expect(writes()).toBe(3);
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(20);
    // Progress after the drop is coalesced again.
    writer.write(snapshot({ status: 'fetching', downloaded: 30 }));
    writer.write(snapshot({ status: 'fetching', downloaded: 40 }));
    expect(writes()).toBe(3);
    frames.frame();
    expect(seen).toEqual([10, 500, 20, 40]);
  });

  it('drops a report older than the one shown: a late arrival is not a restart', () => {
    const { store, frames, writer, writes } = setup();
    writer.write(snapshot({ status: 'fetching', downloaded: 500, updatedAt: 2_000 }));
    writer.write(snapshot({ status: 'pending', downloaded: 0, updatedAt: 1_500 }));
    writer.write(snapshot({ status: 'fetching', downloaded: 100, updatedAt: 1_800 }));
    frames.frame();
    expect(writes()).toBe(1);
    expect(store.getState().registrations['episode-1']).toMatchObject({
      status: 'fetching',
      downloaded: 500,
    });
  });

  it('never changes a settled fetch again: the first settle wins', () => {
    const { store, frames, writer } = setup();
    writer.write(snapshot());
    writer.write(snapshot({ result: 'failure', failureReason: 'fetch-error', status: 'failure' }));
    writer.write(snapshot({ result: 'success', status: 'success' }));
    writer.write(snapshot({ downloaded: 5 }));
    frames.frame();
    expect(store.getState().registrations['episode-1']).toMatchObject({
      status: 'failure',
      failureReason: 'fetch-error',
      downloaded: 0,
    });
  });

  it("lets the service worker's verdict overrule a settled snapshot", () => {
    const { store, writer } = setup();
    writer.write(snapshot({ result: 'success', status: 'success' }));
    writer.writeOutcome(snapshot({ result: 'failure', failureReason: 'fetch-error', status: 'failure' }));
    expect(store.getState().registrations['episode-1']?.failureReason).toBe('fetch-error');
  });

  it('lets a new fetch with a settled id start over', () => {
    const { store, writer } = setup();
    writer.write(snapshot({ result: 'failure', failureReason: 'aborted', status: 'aborted' }));
    writer.write(snapshot({ startedAt: 2_000, status: 'pending' }));
    expect(store.getState().registrations['episode-1']).toMatchObject({ status: 'pending', result: '' });
  });

  it("drops an earlier run's late reports once the next run of the id is shown", () => {
    const { store, writer } = setup();
    writer.write(snapshot({ token: 'run-1', status: 'fetching' }));
    writer.write(snapshot({ token: 'run-2', startedAt: 2_000, status: 'pending' }));
    writer.write(snapshot({ token: 'run-1', downloaded: 5 }));
    writer.write(
      snapshot({ token: 'run-1', result: 'failure', failureReason: 'bad-status', status: 'failure' }),
    );
    expect(store.getState().registrations['episode-1']).toMatchObject({ token: 'run-2', status: 'pending' });
  });

  it('tells two runs started in the same millisecond apart by their tokens', () => {
    const { store, writer } = setup();
    writer.write(
      snapshot({ token: 'run-1', result: 'failure', failureReason: 'bad-status', status: 'failure' }),
    );
    writer.write(snapshot({ token: 'run-2', status: 'pending' }));
    expect(store.getState().registrations['episode-1']).toMatchObject({ token: 'run-2', status: 'pending' });
  });

  it('flush writes held progress now; dispose drops it', () => {
    const { store, frames, writer } = setup();
    writer.write(snapshot());
    writer.write(snapshot({ downloaded: 7 }));
    writer.flush();
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(7);
    expect(frames.pending).toBe(0);
    writer.write(snapshot({ downloaded: 8 }));
    writer.dispose();
    frames.frame();
    expect(store.getState().registrations['episode-1']?.downloaded).toBe(7);
  });
});
