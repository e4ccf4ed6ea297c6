import { type FrameScheduler, nextFrame } from './frame-scheduler.js';
import { isOlderReport } from './report-order.js';
import { selectRegistration } from './selectors.js';
import { isSettled, type RegistrationSnapshot } from './snapshot.js';
import { type BackgroundFetchStore, registrationsWith } from './store.js';

export interface SnapshotWriter {
  /** Takes an engine's report: written now, or with the next frame if it is only progress. */
  write(snapshot: RegistrationSnapshot): void;
  /** Takes a service worker's verdict on a fetch: written now, even over the engine's own settled snapshot. */
  writeOutcome(snapshot: RegistrationSnapshot): void;
  /** Writes whatever waits for a frame, now. */
  flush(): void;
  /** Drops pending writes and the scheduled frame. */
  dispose(): void;
}

/**
 * The one path from engines to the store. Native progress comes every ~500 ms, but the fallback's stream reads
 * can report hundreds of times a second: progress-only changes are held and written together, at most once per
 * frame (so at most one write per frame per registration). A change a reader must not miss — a new fetch, a
 * status change, a settled result, `downloaded` going down (a request restarted from zero: conformance rule 10 says the
 * progress event shows it) — is written at once, replacing anything held for that id. When `downloaded` goes down
 * below progress still held, the held figures are written first, so the store shows the peak and then the drop.
 *
 * Reports of one fetch are taken in order (report-order.ts: the engine's `sequence`, else `updatedAt`): an older one
 * arriving after a newer one is dropped.
 *
 * A settled fetch is final for its engine: later reports for the same fetch (same id and `startedAt`) are
 * dropped, so a late progress event cannot undo an outcome. Only the service worker's verdict may still change it,
 * since it alone has checked the stored records (a native "success" can hide an empty body). A new fetch reusing
 * the id has a later `startedAt` (the fallback starts it after the last one's, scheduler.ts), and where the engine
 * tells runs apart, another `token`; a report of a fetch started before the one shown is a late one, dropped.
 */
export function createSnapshotWriter(
  store: BackgroundFetchStore,
  scheduleFrame: FrameScheduler = nextFrame,
): SnapshotWriter {
  const held = new Map<string, RegistrationSnapshot>();
  let cancelFrame: (() => void) | undefined;

  const commit = (snapshots: RegistrationSnapshot[]) => {
    if (snapshots.length === 0) return;
    store.setState((state) => ({ registrations: registrationsWith(state.registrations, snapshots) }));
  };

  const flush = () => {
    cancelFrame?.();
    cancelFrame = undefined;
    const snapshots = [...held.values()];
    held.clear();
    commit(snapshots);
  };

  const writeNow = (next: RegistrationSnapshot) => {
    held.delete(next.id);
    commit([next]);
  };

  const write = (next: RegistrationSnapshot) => {
    const current = selectRegistration(store.getState(), next.id);
    const sameFetch =
      current !== undefined && current.startedAt === next.startedAt && current.token === next.token;
    // A report of an earlier run of the id, arriving after the next run's first (the fallback's last report of a
    // run goes out after its clean-up, on another port than the next run's start): that run is over.
    if (current !== undefined && !sameFetch && next.startedAt < current.startedAt) return;
    if (sameFetch && isSettled(current)) return;
    const latest = sameFetch ? (held.get(next.id) ?? current) : undefined;
    // A report older than what is shown, arriving late (the fallback's worker answers and reports on different
    // ports; other tabs relay over a channel): never shown over a newer one, nor taken for a restart below.
    if (latest !== undefined && isOlderReport(next, latest)) return;
    if (latest === undefined || isSettled(next) || latest.status !== next.status) return writeNow(next);
    if (next.downloaded < latest.downloaded) {
      // A restart from zero: never merged away. What was held goes first, so the drop itself is seen.
      if (latest !== current) commit([latest]);
      return writeNow(next);
    }
    held.set(next.id, next);
    cancelFrame ??= scheduleFrame(flush);
  };

  const dispose = () => {
    cancelFrame?.();
    cancelFrame = undefined;
    held.clear();
  };

  return { write, writeOutcome: writeNow, flush, dispose };
}
