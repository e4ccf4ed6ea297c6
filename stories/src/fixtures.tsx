/**
 * A real client on core's simulated engine (`@bgfetch/core/testing`), seeded with snapshots, for the stories of the
 * connected components. The engine is deterministic and moves only with its manual clock (`engine.advance(ms)` in
 * a play function); it records the actions (`started`, `paused`, `resumed`, `aborted`). No network is involved.
 */
import {
  type BackgroundFetchClient,
  createBackgroundFetch,
  type EngineKind,
  type RegistrationSnapshot,
} from '@bgfetch/core';
import { SIMULATED_EPOCH, simulatedEngine } from '@bgfetch/core/testing';
import { BackgroundFetchProvider } from '@bgfetch/react';
import { type ReactNode, useEffect, useState } from 'react';
import '../../packages/react/styles.css';

export const MB = 1_000_000;

export type StateName =
  | 'pending'
  | 'fetching'
  | 'fetchingUnknownTotal'
  | 'saving'
  | 'paused'
  | 'offline'
  | 'success'
  | 'badStatus'
  | 'fetchError'
  | 'quotaExceeded'
  | 'downloadTotalExceeded'
  | 'aborted'
  | 'queued'
  | 'queuedHigh'
  | 'queuedLow'
  | 'pausedByUser'
  | 'pausedOnMeteredNetwork';

/** The URL the failure stories' server refused. */
export const EPISODE_URL = 'https://cdn.example/ep12.mp3';

const base = (id: string, title: string): RegistrationSnapshot => ({
  id,
  uploadTotal: 0,
  uploaded: 0,
  downloadTotal: 60 * MB,
  downloaded: 0,
  result: '',
  failureReason: '',
  recordsAvailable: false,
  engine: 'fallback',
  status: 'pending',
  title,
  requests: [],
  startedAt: SIMULATED_EPOCH,
  updatedAt: SIMULATED_EPOCH,
});

const failed = (reason: RegistrationSnapshot['failureReason'], downloaded: number) =>
  ({ status: 'failure', result: 'failure', failureReason: reason, downloaded }) as const;

/** Each state a registration can be in, as the overrides of a snapshot. */
export const STATES: Record<StateName, Partial<RegistrationSnapshot>> = {
  pending: {},
  fetching: { status: 'fetching', downloaded: 12.3 * MB },
  fetchingUnknownTotal: { status: 'fetching', downloaded: 12.3 * MB, downloadTotal: 0 },
  saving: { status: 'saving', downloaded: 60 * MB },
  paused: { status: 'paused', downloaded: 30 * MB },
  offline: { status: 'offline', downloaded: 45.6 * MB },
  success: { status: 'success', result: 'success', downloaded: 60 * MB, recordsAvailable: true },
  // The snapshot names the request the server refused: the status text names it too.
  badStatus: {
    ...failed('bad-status', 0),
    requests: [{ url: EPISODE_URL, method: 'GET', downloaded: 0, downloadTotal: null, status: 404 }],
  },
  fetchError: failed('fetch-error', 51.2 * MB),
  quotaExceeded: failed('quota-exceeded', 20 * MB),
  downloadTotalExceeded: failed('download-total-exceeded', 60 * MB),
  aborted: { status: 'aborted', result: 'failure', failureReason: 'aborted', downloaded: 7.5 * MB },
  // Waiting in the fallback's queue for one of its `maxConcurrentJobs` places, second in line. Last, so that the
  // stories that pick a state by its index keep their numbers.
  queued: { priority: 'normal', queuePosition: 2 },
  // The queue's other states, after it for the same reason: a high-priority fetch is next in line, a low one last.
  queuedHigh: { priority: 'high', queuePosition: 1 },
  queuedLow: { priority: 'low', queuePosition: 4 },
  pausedByUser: { status: 'paused', downloaded: 30 * MB, priority: 'normal', pauseReason: 'user' },
  // An `unmetered` fetch on a cellular connection: it resumes by itself on Wi-Fi (Chromium tells the difference).
  pausedOnMeteredNetwork: {
    status: 'paused',
    downloaded: 18 * MB,
    priority: 'normal',
    pauseReason: 'metered-network',
  },
};

export function snapshotIn(state: StateName, id = 'ep12', title = 'Episode 12: Offline first', index = 0) {
  const snapshot = { ...base(id, title), ...STATES[state] };
  return { ...snapshot, startedAt: snapshot.startedAt + index * 60_000 };
}

export interface StoryClient {
  client: BackgroundFetchClient;
  engine: ReturnType<typeof simulatedEngine>;
}

/**
 * A client on the simulated engine. The fallback has a queue, as the real one does: `setPriority` is recorded in
 * `engine.prioritised` and reported as the snapshot's new `priority` (the queue's order is the real engine's
 * business, tested in e2e).
 */
export function makeStoryClient(
  snapshots: RegistrationSnapshot[],
  { kind = 'fallback', canPause = kind === 'fallback' }: { kind?: EngineKind; canPause?: boolean } = {},
): StoryClient {
  const queue = kind === 'fallback';
  const engine = simulatedEngine({ kind, capabilities: { pause: canPause, queue } });
  for (const snapshot of snapshots) engine.add(snapshot);
  const client = createBackgroundFetch({ engine: kind, [kind]: engine.factory });
  return { client, engine };
}

/** The last story client made, for play functions that check what the engine was asked to do. */
export let lastStoryClient: StoryClient | undefined;

/** Provides a fresh story client, disposed when the story unmounts. */
export function WithClient({
  snapshots,
  kind,
  children,
}: {
  snapshots: RegistrationSnapshot[];
  kind?: EngineKind;
  children: ReactNode;
}) {
  const [made] = useState(() => makeStoryClient(snapshots, { kind }));
  lastStoryClient = made;
  useEffect(() => () => made.client.dispose(), [made]);
  return <BackgroundFetchProvider client={made.client}>{children}</BackgroundFetchProvider>;
}
