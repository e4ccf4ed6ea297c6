import type { Engine, EngineCapabilities, EngineContext, EngineFactory } from '../client/engine.js';
import type { FetchPriority } from '../client/priority.js';
import type { EngineKind, RegistrationSnapshot } from '../client/snapshot.js';
import { NO_CAPABILITIES } from '../client/store.js';
import type { ValidatedFetch } from '../input/validate.js';
import { snapshot } from './snapshots.js';

export interface FakeEngineOptions {
  kind: EngineKind;
  capabilities?: Partial<EngineCapabilities>;
  /** What `unusableReason()` says. */
  unusable?: Error;
  /** What `start` rejects with (after recording the call). */
  refuseWith?: Error;
  /** Fetches it finds on `rehydrate()`. */
  running?: RegistrationSnapshot[];
  canPause?: boolean;
}

/**
 * A stand-in engine for testing the client's own logic (routing, validation order, fallback choice). It is not a
 * model of any browser: browser behaviour is tested in e2e.
 */
export function fakeEngine(options: FakeEngineOptions) {
  const started: ValidatedFetch[] = [];
  const aborted: string[] = [];
  const paused: string[] = [];
  const prioritised: [string, FetchPriority][] = [];
  /** What it last reported of each id: `setPriority` reports it again with the new priority. */
  const latest = new Map<string, RegistrationSnapshot>();
  let context: EngineContext | undefined;
  const report = (snapshot: RegistrationSnapshot) => {
    latest.set(snapshot.id, snapshot);
    context?.report(snapshot);
  };

  const capabilities: EngineCapabilities = {
    ...NO_CAPABILITIES,
    pause: options.canPause ?? false,
    ...options.capabilities,
  };

  const factory: EngineFactory = (given) => {
    context = given;
    const engine: Engine = {
      kind: options.kind,
      capabilities,
      unusableReason: () => options.unusable,
      start: async (fetch) => {
        started.push(fetch);
        if (options.refuseWith) throw options.refuseWith;
        const first = runningSnapshot(options.kind, fetch.id, fetch.options.title);
        report(first);
        return first;
      },
      rehydrate: async () => {
        for (const snapshot of options.running ?? []) report(snapshot);
      },
      abort: async (id) => {
        aborted.push(id);
        return true;
      },
      ...(options.canPause
        ? {
            pause: async (id: string) => {
              paused.push(id);
            },
            resume: async () => {},
          }
        : {}),
      ...(capabilities.queue
        ? {
            setPriority: async (id: string, priority: FetchPriority) => {
              prioritised.push([id, priority]);
              const current = latest.get(id);
              if (current !== undefined) report({ ...current, priority });
            },
          }
        : {}),
      dispose: () => {},
    };
    return engine;
  };

  return {
    factory,
    started,
    aborted,
    paused,
    /** `setPriority` calls, where `capabilities.queue` is on. */
    prioritised,
    /** Reports as the engine would; only after the client made it. */
    report,
  };
}

/** Every fake fetch starts a millisecond after the previous one, as real ones do. */
let clock = 1_000;

export function runningSnapshot(engine: EngineKind, id: string, title = ''): RegistrationSnapshot {
  clock += 1;
  return snapshot({ id, engine, status: 'pending', title, startedAt: clock, updatedAt: clock });
}
