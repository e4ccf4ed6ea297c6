import type { Engine, EngineCapabilities, EngineContext, EngineFactory } from '../client/engine.js';
import type { FetchPriority } from '../client/priority.js';
import type { EngineKind, FetchStatus, RegistrationSnapshot } from '../client/snapshot.js';
import type { ValidatedFetch } from '../input/validate.js';
import type { BackgroundFetchFailureReason } from '../spec/spec-types.js';
import { snapshot } from './snapshots.js';

/** A clock the test (or story) moves by hand. */
export interface ManualClock {
  now(): number;
  /** Moves the clock on and tells every listener (the engines on it tick their fetches). */
  advance(ms: number): void;
  onAdvance(listener: (ms: number) => void): () => void;
}

/** 2026-01-01T12:00:00Z: a fixed start, so that stories and tests render the same times every run. */
export const SIMULATED_EPOCH = Date.UTC(2026, 0, 1, 12);

export function manualClock(start = SIMULATED_EPOCH): ManualClock {
  let now = start;
  const listeners = new Set<(ms: number) => void>();
  return {
    now: () => now,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms ≥ 0, got ${ms}`);
      now += ms;
      for (const listener of [...listeners]) listener(ms);
    },
    onAdvance(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Every state a registration can be put in: the kit's statuses, with a failure per reason. */
export type SimulatedState =
  | 'pending'
  | 'fetching'
  | 'fetching-unknown-total'
  | 'paused'
  | 'offline'
  | 'success'
  | Exclude<BackgroundFetchFailureReason, '' | 'aborted'>
  | 'aborted';

export const SIMULATED_STATES: readonly SimulatedState[] = [
  'pending',
  'fetching',
  'fetching-unknown-total',
  'paused',
  'offline',
  'success',
  'bad-status',
  'fetch-error',
  'quota-exceeded',
  'download-total-exceeded',
  'aborted',
];

export interface SimulatedEngineOptions {
  /** Default `'fallback'`. */
  kind?: EngineKind;
  /** Default: pause where the kind can (the fallback), nothing else. */
  capabilities?: Partial<EngineCapabilities>;
  /** Default: a clock of its own (`engine.clock`). */
  clock?: ManualClock;
  /** How fast a fetching registration moves on `advance()`. Default 1 MB/s. */
  bytesPerSecond?: number;
  /** How long a started fetch stays `pending` before bytes move. Default 0 (the next `advance()`). */
  startDelayMs?: number;
  /** How many bytes a started fetch has when its `downloadTotal` is 0 (unknown). Default 10 MB. */
  unknownSize?: number;
  /** What `start()` rejects with (nothing is reported), e.g. a `NotAllowedError` to test the choice of engine. */
  refuseWith?: Error;
}

export interface SetStateOptions {
  /** Default: the registration's, else 60 MB (`0` for `fetching-unknown-total`). */
  downloadTotal?: number;
  /** Default: a share of the total that suits the state (none for pending, all for success). */
  downloaded?: number;
  title?: string;
  /** Request URLs (default: one, `/media/<id>`). */
  urls?: string[];
}

export interface SimulatedEngine {
  readonly factory: EngineFactory;
  readonly clock: ManualClock;
  /** The engine's current snapshot of a registration. */
  get(id: string): RegistrationSnapshot | undefined;
  /** Puts a registration (new or known) into a state and reports it; settled ones stop ticking. */
  set(id: string, state: SimulatedState, options?: SetStateOptions): RegistrationSnapshot;
  /**
   * Puts in an exact snapshot (its `engine` becomes this engine's kind) and reports it; it ticks on from there when
   * fetching, towards its `downloadTotal` (with none, `unknownSize` more bytes).
   */
  add(snapshot: RegistrationSnapshot): RegistrationSnapshot;
  /** Moves a running registration by `bytes` (default: one second's worth) and reports it. */
  progress(id: string, bytes?: number): RegistrationSnapshot;
  /** Shorthand for `clock.advance(ms)`: every fetching registration moves by `bytesPerSecond`. */
  advance(ms: number): void;
  /** What the client asked of the engine, in order. */
  readonly started: ValidatedFetch[];
  readonly aborted: string[];
  readonly paused: string[];
  readonly resumed: string[];
  /** `setPriority` calls, where `capabilities.queue` is on. */
  readonly prioritised: [id: string, priority: FetchPriority][];
}

const MB = 1_000_000;
const DEFAULT_TOTAL = 60 * MB;
const FAILURE_SHARE: Record<
  Exclude<SimulatedState, 'pending' | 'fetching' | 'fetching-unknown-total'>,
  number
> = {
  paused: 0.5,
  offline: 0.76,
  success: 1,
  'bad-status': 0,
  'fetch-error': 0.85,
  'quota-exceeded': 0.33,
  'download-total-exceeded': 1,
  aborted: 0.125,
};

interface Running {
  snapshot: RegistrationSnapshot;
  /** The bytes it ends at (its total, or `unknownSize` when the total is unknown). */
  size: number;
  /** Clock time before which it stays pending. */
  startsAt: number;
}

/**
 * A deterministic engine on a manual clock, for stories and tests of UI built on the client: it implements core's
 * `Engine`, so a real client (`createBackgroundFetch({ engine: kind, [kind]: simulated.factory })`) and the React
 * hooks run on it unchanged. Nothing moves until the clock does: `advance(ms)` turns pending fetches into fetching
 * ones (after `startDelayMs`), moves every fetching one by `bytesPerSecond` and settles those that reach their size
 * as `success`. `set(id, state)` puts any registration in any state at once; `abort`, `pause` and `resume` from the
 * client do what a real engine would and are recorded. It models no browser (browser behaviour is tested in e2e/).
 */
export function simulatedEngine(options: SimulatedEngineOptions = {}): SimulatedEngine {
  const kind = options.kind ?? 'fallback';
  const clock = options.clock ?? manualClock();
  const bytesPerSecond = options.bytesPerSecond ?? MB;
  const startDelayMs = options.startDelayMs ?? 0;
  const unknownSize = options.unknownSize ?? 10 * MB;
  const capabilities: EngineCapabilities = {
    pause: kind === 'fallback',
    queue: false,
    resumeAfterRestart: kind === 'fallback',
    continuesWhenClosed: kind === 'native',
    uploads: kind === 'fallback',
    connections: kind === 'fallback',
    networkPolicy: false,
    bandwidthCap: false,
    ...options.capabilities,
  };
  const registrations = new Map<string, Running>();
  const started: ValidatedFetch[] = [];
  const aborted: string[] = [];
  const paused: string[] = [];
  const resumed: string[] = [];
  const prioritised: [string, FetchPriority][] = [];
  let context: EngineContext | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;

  /** The clock's time, but later than any fetch before: a store tells a new fetch of an id by a later `startedAt`. */
  function startTime(): number {
    lastStart = Math.max(clock.now(), lastStart + 1);
    return lastStart;
  }

  function report(running: Running, changes: Partial<RegistrationSnapshot>): RegistrationSnapshot {
    running.snapshot = { ...running.snapshot, ...changes, updatedAt: clock.now() };
    const requests = running.snapshot.requests;
    if (kind === 'fallback' && requests.length > 0) {
      // The fallback knows each request's bytes: the first request takes them all (stories need no finer split).
      running.snapshot.requests = requests.map((request, index) => ({
        ...request,
        downloaded: index === 0 ? running.snapshot.downloaded : 0,
        downloadTotal:
          index === 0 && running.snapshot.downloadTotal > 0 ? running.snapshot.downloadTotal : null,
        status: answeredStatus(running.snapshot, index),
      }));
    }
    context?.report(running.snapshot);
    return running.snapshot;
  }

  function fresh(id: string, title: string, urls: string[], downloadTotal: number): Running {
    const now = startTime();
    return {
      snapshot: snapshot({
        id,
        downloadTotal,
        engine: kind,
        status: 'pending',
        title,
        requests: urls.map((url) => ({
          url,
          method: 'GET',
          downloaded: null,
          downloadTotal: null,
          status: null,
        })),
        startedAt: now,
        updatedAt: now,
      }),
      size: downloadTotal > 0 ? downloadTotal : unknownSize,
      startsAt: clock.now() + startDelayMs,
    };
  }

  function known(id: string): Running {
    const running = registrations.get(id);
    if (!running) throw new Error(`simulated engine: no registration ${id}`);
    return running;
  }

  const isActive = (running: Running | undefined): running is Running =>
    running !== undefined && running.snapshot.result === '';

  function tick(ms: number) {
    for (const running of registrations.values()) {
      const { status } = running.snapshot;
      if (status === 'pending' && clock.now() >= running.startsAt) {
        report(running, { status: 'fetching' });
        continue;
      }
      if (status === 'fetching') move(running, (bytesPerSecond * ms) / 1000);
    }
  }

  function move(running: Running, bytes: number): RegistrationSnapshot {
    const downloaded = Math.min(running.size, Math.round(running.snapshot.downloaded + bytes));
    if (downloaded < running.size) return report(running, { status: 'fetching', downloaded });
    return report(running, {
      status: 'success',
      result: 'success',
      downloaded,
      downloadTotal: running.snapshot.downloadTotal,
    });
  }

  clock.onAdvance(tick);

  const factory: EngineFactory = (given) => {
    context = given;
    const engine: Engine = {
      kind,
      capabilities,
      unusableReason: () => undefined,
      async start(fetch) {
        started.push(fetch);
        if (options.refuseWith) throw options.refuseWith;
        const running = fresh(
          fetch.id,
          fetch.options.title,
          fetch.requests.map((request) => request.url),
          fetch.options.downloadTotal,
        );
        registrations.set(fetch.id, running);
        return report(running, {});
      },
      async rehydrate() {
        for (const running of registrations.values()) context?.report(running.snapshot);
      },
      async abort(id) {
        aborted.push(id);
        const running = registrations.get(id);
        if (!isActive(running)) return false;
        report(running, { status: 'aborted', result: 'failure', failureReason: 'aborted' });
        return true;
      },
      ...(capabilities.pause
        ? {
            async pause(id: string) {
              paused.push(id);
              const running = registrations.get(id);
              if (isActive(running)) report(running, { status: 'paused', pauseReason: 'user' });
            },
            async resume(id: string) {
              resumed.push(id);
              const running = registrations.get(id);
              if (!isActive(running)) return;
              const { pauseReason: _, ...rest } = running.snapshot;
              running.snapshot = rest;
              report(running, { status: running.snapshot.downloaded > 0 ? 'fetching' : 'pending' });
            },
          }
        : {}),
      ...(capabilities.queue
        ? {
            async setPriority(id: string, priority: FetchPriority) {
              prioritised.push([id, priority]);
              const running = registrations.get(id);
              if (isActive(running)) report(running, { priority });
            },
          }
        : {}),
      dispose() {
        context = undefined;
      },
    };
    return engine;
  };

  return {
    factory,
    clock,
    get: (id) => registrations.get(id)?.snapshot,
    set(id, state, setOptions = {}) {
      const previous = registrations.get(id);
      const downloadTotal =
        setOptions.downloadTotal ??
        (state === 'fetching-unknown-total' ? 0 : previous?.snapshot.downloadTotal || DEFAULT_TOTAL);
      const running = fresh(
        id,
        setOptions.title ?? previous?.snapshot.title ?? id,
        setOptions.urls ?? previous?.snapshot.requests.map((request) => request.url) ?? [`/media/${id}`],
        downloadTotal,
      );
      // The same fetch keeps its start; a settled one put back to work is a new fetch of the id.
      if (previous && previous.snapshot.result === '')
        running.snapshot.startedAt = previous.snapshot.startedAt;
      registrations.set(id, running);
      const size = running.size;
      const share =
        state === 'pending'
          ? 0
          : state === 'fetching' || state === 'fetching-unknown-total'
            ? 0.205
            : FAILURE_SHARE[state];
      const downloaded = setOptions.downloaded ?? Math.round(size * share);
      return report(running, { downloaded, ...stateFields(state), recordsAvailable: state !== 'aborted' });
    },
    add(snapshot) {
      const running: Running = {
        snapshot: { ...snapshot, engine: kind },
        size: snapshot.downloadTotal > 0 ? snapshot.downloadTotal : snapshot.downloaded + unknownSize,
        startsAt: clock.now() + startDelayMs,
      };
      registrations.set(snapshot.id, running);
      context?.report(running.snapshot);
      return running.snapshot;
    },
    progress(id, bytes = bytesPerSecond) {
      const running = known(id);
      if (!isActive(running)) throw new Error(`simulated engine: ${id} is settled`);
      return move(running, bytes);
    },
    advance: (ms) => clock.advance(ms),
    started,
    aborted,
    paused,
    resumed,
    prioritised,
  };
}

function stateFields(state: SimulatedState): Partial<RegistrationSnapshot> {
  switch (state) {
    case 'pending':
    case 'paused':
    case 'offline':
      return { status: state };
    case 'fetching':
    case 'fetching-unknown-total':
      return { status: 'fetching' };
    case 'success':
      return { status: 'success', result: 'success' };
    case 'aborted':
      return { status: 'aborted', result: 'failure', failureReason: 'aborted' };
    default:
      return { status: 'failure' satisfies FetchStatus, result: 'failure', failureReason: state };
  }
}

/** A fallback request's status as stories need it: the first one answers 404 in `bad-status`, 200 once it has bytes. */
function answeredStatus(snapshot: RegistrationSnapshot, index: number): number | null {
  if (index !== 0) return null;
  if (snapshot.failureReason === 'bad-status') return 404;
  return snapshot.downloaded > 0 ? 200 : null;
}
