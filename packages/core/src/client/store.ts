import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineCapabilities } from './engine.js';
import type { EngineKind, RegistrationSnapshot } from './snapshot.js';

/** Everything the kit knows about downloads: nothing else holds download state. */
export interface BackgroundFetchState {
  /**
   * Every fetch this page has seen, by id: active ones and settled ones with their outcome. An object without a
   * prototype (`registrationsWith`), so that every id the spec allows is a plain key: `constructor`, `toString`
   * and `__proto__` included. Read it with `selectRegistration` or own-property checks.
   */
  registrations: Record<string, RegistrationSnapshot>;
  /** `client.ready` has resolved: the engines are up and every fetch still running from earlier is here. */
  ready: boolean;
  /**
   * The engine the next fetch would use; `undefined` until ready, or while none can run here. It changes when a
   * service worker arrives later (native becomes usable) or goes.
   */
  engine: EngineKind | undefined;
  /** What `engine` can do; all `false` while there is none. */
  capabilities: EngineCapabilities;
  /**
   * Ids `client.retry(id)` can start again: their original requests are kept (by this origin, across reloads).
   * Without a prototype, like `registrations`.
   */
  retryable: Record<string, true>;
}

/** The honest answer while no engine runs. */
export const NO_CAPABILITIES: EngineCapabilities = Object.freeze({
  pause: false,
  queue: false,
  resumeAfterRestart: false,
  continuesWhenClosed: false,
  uploads: false,
  connections: false,
  networkPolicy: false,
  bandwidthCap: false,
});

/**
 * A new registrations object without a prototype: `base`'s own entries, then `snapshots` by their ids. Ids such as
 * `__proto__` are set as own keys, never as the object's prototype.
 */
export function registrationsWith(
  base: Readonly<Record<string, RegistrationSnapshot>>,
  snapshots: readonly RegistrationSnapshot[] = [],
): Record<string, RegistrationSnapshot> {
  const registrations: Record<string, RegistrationSnapshot> = Object.create(null);
  for (const id of Object.keys(base)) registrations[id] = base[id] as RegistrationSnapshot;
  for (const snapshot of snapshots) registrations[snapshot.id] = snapshot;
  return registrations;
}

export type BackgroundFetchStore = StoreApi<BackgroundFetchState>;

/** The empty state: what a server render and a page before rehydration both show. */
export function getInitialState(): BackgroundFetchState {
  return {
    registrations: registrationsWith({}),
    ready: false,
    engine: undefined,
    capabilities: NO_CAPABILITIES,
    retryable: Object.create(null),
  };
}

export function createBackgroundFetchStore(): BackgroundFetchStore {
  return createStore<BackgroundFetchState>()(getInitialState);
}
