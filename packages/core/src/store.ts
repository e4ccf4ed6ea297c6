import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RegistrationSnapshot } from './snapshot.js';

/** Everything the kit knows about downloads: nothing else holds download state. */
export interface BackgroundFetchState {
  /** Every fetch this page has seen, by id: active ones and settled ones with their outcome. */
  registrations: Record<string, RegistrationSnapshot>;
}

export type BackgroundFetchStore = StoreApi<BackgroundFetchState>;

/** The empty state: what a server render and a page before rehydration both show. */
export function getInitialState(): BackgroundFetchState {
  return { registrations: {} };
}

export function createBackgroundFetchStore(): BackgroundFetchStore {
  return createStore<BackgroundFetchState>()(getInitialState);
}
