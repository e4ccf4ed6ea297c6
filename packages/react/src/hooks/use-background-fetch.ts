'use client';

import type {
  BackgroundFetchClient,
  BackgroundFetchState,
  EngineCapabilities,
  EngineKind,
  FetchOptions,
  FetchPriority,
  FetchRequestInput,
  RegistrationSnapshot,
} from '@bgfetch/core';
import * as React from 'react';
import { shallow } from 'zustand/shallow';
import { useBackgroundFetchClient } from '../provider/index.js';
import { useBackgroundFetchState } from './use-background-fetch-state.js';

export interface BackgroundFetchApi {
  /** `client.fetch`: validates, starts, resolves with the first snapshot. */
  fetch(
    id: string,
    requests: FetchRequestInput | readonly FetchRequestInput[],
    options?: FetchOptions,
  ): Promise<RegistrationSnapshot>;
  /** `true` if this call aborted an active fetch. */
  abort(id: string): Promise<boolean>;
  /** Rejects with `NotSupportedError` where the fetch's engine cannot pause. */
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  /** `client.setPriority`: moves an active fetch in the engine's queue; `NotSupportedError` where it has none. */
  setPriority(id: string, priority: FetchPriority): Promise<void>;
  /** `client.retry`: starts a settled fetch again with the requests it was last started with on this origin. */
  retry(id: string): Promise<RegistrationSnapshot>;
  /** Every registration in the store, active and settled, newest first. */
  ids: readonly string[];
  /** The engine the next fetch would use; `undefined` until ready, on the server, or when none can run. */
  engine: EngineKind | undefined;
  /** What that engine can do; all `false` until ready. */
  capabilities: EngineCapabilities;
  /** A fetch can start here (an engine is up and usable); `false` on the server and until ready. */
  supported: boolean;
  /** `client.ready` has resolved: engines are up and earlier fetches are in the store. */
  ready: boolean;
  client: BackgroundFetchClient;
}

/** Ids of every registration, newest first (ties: by id, so the order is stable). */
export function selectIdsNewestFirst(state: BackgroundFetchState): string[] {
  return Object.values(state.registrations)
    .sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id))
    .map((snapshot) => snapshot.id);
}

/** The client's next engine and readiness, as the store has them. */
const selectEngine = ({ engine, capabilities, ready }: BackgroundFetchState) => ({
  engine,
  capabilities,
  supported: engine !== undefined,
  ready,
});

/** The client's actions and what it can do; re-renders only when the ids, the readiness or the engine change. */
export function useBackgroundFetch(client?: BackgroundFetchClient): BackgroundFetchApi {
  const resolved = useBackgroundFetchClient(client);
  const ids = useBackgroundFetchState(selectIdsNewestFirst, shallow, resolved);
  // Shallow-equal selections keep their identity: a stable dependency below.
  const engine = useBackgroundFetchState(selectEngine, shallow, resolved);
  const actions = React.useMemo(
    () => ({
      fetch: (
        id: string,
        requests: FetchRequestInput | readonly FetchRequestInput[],
        options?: FetchOptions,
      ) => resolved.fetch(id, requests, options),
      abort: (id: string) => resolved.abort(id),
      pause: (id: string) => resolved.pause(id),
      resume: (id: string) => resolved.resume(id),
      setPriority: (id: string, priority: FetchPriority) => resolved.setPriority(id, priority),
      retry: (id: string) => resolved.retry(id),
    }),
    [resolved],
  );
  return React.useMemo(
    () => ({ ...actions, ids, ...engine, client: resolved }),
    [actions, ids, engine, resolved],
  );
}
