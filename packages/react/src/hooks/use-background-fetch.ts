'use client';

import type {
  BackgroundFetchClient,
  BackgroundFetchState,
  EngineCapabilities,
  EngineKind,
  FetchOptions,
  FetchRequestInput,
  RegistrationSnapshot,
} from '@bgfetch/core';
import * as React from 'react';
import { useBackgroundFetchClient } from '../provider/index.js';
import { readinessOf, retryFetch, startFetch } from './client-state.js';
import { shallowEqualArrays, useBackgroundFetchState } from './use-background-fetch-state.js';

export interface BackgroundFetchApi {
  /** `client.fetch`: validates, starts, resolves with the first snapshot. Remembers the call for `retry`. */
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
  /** Starts a settled fetch again with the arguments it was started with on this page. */
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

const serverNotReady = () => false;

/** The client's actions and what it can do; re-renders only when the ids or the readiness change. */
export function useBackgroundFetch(client?: BackgroundFetchClient): BackgroundFetchApi {
  const resolved = useBackgroundFetchClient(client);
  const ids = useBackgroundFetchState(selectIdsNewestFirst, shallowEqualArrays, resolved);
  const readiness = readinessOf(resolved);
  const ready = React.useSyncExternalStore(
    React.useCallback(
      (listener: () => void) => {
        readiness.listeners.add(listener);
        return () => readiness.listeners.delete(listener);
      },
      [readiness],
    ),
    () => readiness.ready,
    serverNotReady,
  );
  const actions = React.useMemo(
    () => ({
      fetch: (
        id: string,
        requests: FetchRequestInput | readonly FetchRequestInput[],
        options?: FetchOptions,
      ) => startFetch(resolved, id, requests, options),
      abort: (id: string) => resolved.abort(id),
      pause: (id: string) => resolved.pause(id),
      resume: (id: string) => resolved.resume(id),
      retry: (id: string) => retryFetch(resolved, id),
    }),
    [resolved],
  );
  return React.useMemo(() => {
    const engine = ready ? resolved.engine : undefined;
    return {
      ...actions,
      ids,
      engine,
      capabilities: resolved.capabilities,
      supported: engine !== undefined,
      ready,
      client: resolved,
    };
  }, [actions, ids, ready, resolved]);
}
