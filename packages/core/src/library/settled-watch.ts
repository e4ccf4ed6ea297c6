import { isSettled } from '../client/snapshot.js';
import type { BackgroundFetchStore } from '../client/store.js';

/** Calls `onSettled(id)` each time a fetch in the store settles; returns the unsubscribe. */
export function watchSettled(store: BackgroundFetchStore, onSettled: (id: string) => void): () => void {
  return store.subscribe((state, previous) => {
    if (state.registrations === previous.registrations) return;
    for (const id of Object.keys(state.registrations)) {
      const now = state.registrations[id];
      const before = Object.hasOwn(previous.registrations, id) ? previous.registrations[id] : undefined;
      if (now !== undefined && isSettled(now) && (before === undefined || !isSettled(before))) onSettled(id);
    }
  });
}
