import { FETCH_PRIORITIES, type FetchPriority } from '../client/priority.js';

/** One job that wants to download, as the origin's queue sees it (queue-store.ts keeps these in IndexedDB). */
export interface QueueEntry {
  id: string;
  priority: FetchPriority;
  /** Order of arrival across the origin: lower came first. */
  seq: number;
  /** Holds one of the `maxConcurrentJobs` places: it downloads until it pauses, ends or is aborted. */
  admitted: boolean;
}

/**
 * Each entry's place: 0 for the jobs that download (those admitted before, then the first waiting ones while
 * places are free), n ≥ 1 for the n-th in line. A job keeps its place once admitted: a `high` one arriving while
 * every place is taken starts next, it does not stop one that runs. Entries are the jobs that want to download
 * (not paused, not over), in any order.
 */
export function queuePlaces(entries: readonly QueueEntry[], maxConcurrent: number): Map<string, number> {
  const places = new Map<string, number>();
  const waiting = entries.filter((entry) => !entry.admitted).sort(byTurn);
  let free = Math.max(0, maxConcurrent - (entries.length - waiting.length));
  let line = 0;
  for (const entry of entries) if (entry.admitted) places.set(entry.id, 0);
  for (const entry of waiting) {
    if (free > 0) {
      free--;
      places.set(entry.id, 0);
    } else places.set(entry.id, ++line);
  }
  return places;
}

function byTurn(a: QueueEntry, b: QueueEntry): number {
  const rank = FETCH_PRIORITIES.indexOf(a.priority) - FETCH_PRIORITIES.indexOf(b.priority);
  if (rank !== 0) return rank;
  return a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
