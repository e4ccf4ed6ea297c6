'use client';

import {
  type BackgroundFetchClient,
  createRateSampler,
  type EngineCapabilities,
  type FetchPriority,
  isSettled,
  type RegistrationSnapshot,
  selectBytesPerSecond,
  selectExpectedBytes,
  selectFraction,
  selectRegistration,
  selectSecondsLeft,
} from '@bgfetch/core';
import * as React from 'react';
import { useBackgroundFetchClient } from '../provider/index.js';
import { useBackgroundFetchState } from './use-background-fetch-state.js';

/**
 * One registration as a component shows it: the snapshot (with `queuePosition`, `priority` and `pauseReason` where
 * its engine tells them), derived figures, and actions bound to its id.
 */
export interface FetchRegistration extends RegistrationSnapshot {
  /** Done fraction in [0, 1]; `undefined` while the total is unknown. */
  fraction: number | undefined;
  /** The expected bytes (`Content-Length`s when all known, else `downloadTotal`); `undefined` when unknown. */
  expectedBytes: number | undefined;
  /** Smoothed rate; 0 unless fetching. */
  bytesPerSecond: number;
  /** `undefined` when unknowable (no total, no rate, not fetching). */
  secondsLeft: number | undefined;
  /** `success`, `failure` or `aborted`: the fetch will not change again. */
  settled: boolean;
  /** What the engine running this fetch can do (`capabilities.pause`: pause and resume work). */
  capabilities: EngineCapabilities;
  /** `retry()` can start it again: its original requests are kept (`state.retryable`). */
  canRetry: boolean;
  abort(): Promise<boolean>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Moves it in the engine's queue (`capabilities.queue`); `NotSupportedError` where there is none. */
  setPriority(priority: FetchPriority): Promise<void>;
  retry(): Promise<RegistrationSnapshot>;
}

/**
 * One registration by id, or `undefined` for an id the store does not have. The component renders again only
 * when this registration's snapshot changes: other downloads ticking do not render it.
 */
export function useFetchRegistration(
  id: string,
  client?: BackgroundFetchClient,
): FetchRegistration | undefined {
  const resolved = useBackgroundFetchClient(client);
  const snapshot = useBackgroundFetchState((state) => selectRegistration(state, id), Object.is, resolved);
  const canRetry = useBackgroundFetchState((state) => state.retryable[id] === true, Object.is, resolved);
  // One sampler per displayed registration: the smoothed rate needs the history of what this component saw.
  const [sampler] = React.useState(() => createRateSampler());
  const actions = React.useMemo(
    () => ({
      abort: () => resolved.abort(id),
      pause: () => resolved.pause(id),
      resume: () => resolved.resume(id),
      setPriority: (priority: FetchPriority) => resolved.setPriority(id, priority),
      retry: () => resolved.retry(id),
    }),
    [resolved, id],
  );
  return React.useMemo(() => {
    if (snapshot === undefined) {
      sampler.sample(undefined);
      return undefined;
    }
    const bytesPerSecond = selectBytesPerSecond(snapshot, sampler);
    return {
      ...snapshot,
      ...actions,
      fraction: selectFraction(snapshot),
      expectedBytes: selectExpectedBytes(snapshot),
      bytesPerSecond,
      secondsLeft: selectSecondsLeft(snapshot, bytesPerSecond),
      settled: isSettled(snapshot),
      capabilities: resolved.capabilitiesOf(snapshot.engine),
      canRetry,
    };
  }, [snapshot, sampler, actions, resolved, canRetry]);
}
