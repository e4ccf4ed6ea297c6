/**
 * A real client on core's fake engine, for this package's tests. Core's testing helpers are not a package entry
 * (yet), so they are imported from core's source.
 */
import {
  type BackgroundFetchClient,
  createBackgroundFetch,
  type EngineFactory,
  type EngineKind,
  type RegistrationSnapshot,
} from '@bgfetch/core';
import { fakeEngine, manualFrames, snapshot } from '@bgfetch/core/testing';
import { act } from '@testing-library/react';

export { snapshot };

export interface TestClient {
  client: BackgroundFetchClient;
  engine: ReturnType<typeof fakeEngine>;
  /** Reports snapshots as the engine would, and runs the frame that writes held progress. */
  report(...snapshots: RegistrationSnapshot[]): void;
  /** The snapshot of `id` with `changes`, reported. */
  update(id: string, changes: Partial<RegistrationSnapshot>): void;
}

const made: BackgroundFetchClient[] = [];

/**
 * A ready client whose engine (`kind`, pausable unless told) already reports `running`. With `queue`, the engine
 * has a queue: `setPriority` is recorded in `engine.prioritised` and reported as the snapshot's new `priority`.
 */
export async function testClient({
  kind = 'fallback',
  canPause = true,
  queue = false,
  running = [],
}: {
  kind?: EngineKind;
  canPause?: boolean;
  queue?: boolean;
  running?: RegistrationSnapshot[];
} = {}): Promise<TestClient> {
  const engine = fakeEngine({ kind, canPause, running, capabilities: { queue } });
  const frames = manualFrames();
  const client = createBackgroundFetch({
    engine: kind,
    [kind]: reportingAtOnce(engine.factory, frames.frame),
    scheduleFrame: frames.schedule,
  });
  made.push(client);
  await client.ready;
  const report = (...snapshots: RegistrationSnapshot[]) =>
    act(() => {
      for (const each of snapshots) engine.report(each);
    });
  return {
    client,
    engine,
    report,
    update(id, changes) {
      const current = client.store.getState().registrations[id];
      if (current === undefined) throw new Error(`no registration ${id}`);
      report({ ...current, ...changes });
    },
  };
}

/** The engine's reports reach the store at once, also those it makes itself (`setPriority`'s). */
function reportingAtOnce(factory: EngineFactory, frame: () => void): EngineFactory {
  return (context) =>
    factory({
      ...context,
      report: (snapshot) => {
        context.report(snapshot);
        frame();
      },
    });
}

export function disposeTestClients() {
  for (const client of made.splice(0)) client.dispose();
}

/** A snapshot of the fetch `id` in `status`, with the right result and reason for a settled one. */
export function snapshotIn(
  id: string,
  status: RegistrationSnapshot['status'],
  overrides: Partial<RegistrationSnapshot> = {},
): RegistrationSnapshot {
  const settled: Partial<RegistrationSnapshot> =
    status === 'success'
      ? { result: 'success' }
      : status === 'failure'
        ? { result: 'failure', failureReason: 'bad-status' }
        : status === 'aborted'
          ? { result: 'failure', failureReason: 'aborted' }
          : {};
  return snapshot({ id, title: `Episode ${id}`, engine: 'fallback', status, ...settled, ...overrides });
}
