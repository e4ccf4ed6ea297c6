import { createBackgroundFetch } from '../client/client.js';
import type { Engine } from '../client/engine.js';
import { selectRegistration } from '../client/selectors.js';
import { isSettled, type RegistrationSnapshot } from '../client/snapshot.js';
import { createFallbackEngine, type FallbackEngineOptions } from '../fallback/engine.js';
import type { FetchRequestInput } from '../input/validate.js';
import { INTERNAL } from '../spec/illegal-constructor.js';
import type { BackgroundFetchOptions } from '../spec/spec-types.js';
import { BackgroundFetchRegistration, updateRegistration } from './registration.js';

/** The polyfill's page side for one service-worker registration: a fallback client and the objects it hands out. */
export interface PolyfillBackend {
  fetch(
    id: string,
    requests: FetchRequestInput | readonly FetchRequestInput[],
    options?: BackgroundFetchOptions,
  ): Promise<BackgroundFetchRegistration>;
  get(id: string): Promise<BackgroundFetchRegistration | undefined>;
  getIds(): Promise<string[]>;
}

/**
 * A kit client on the fallback engine alone, whose store the registration objects follow. Within the page one
 * object stands for one fetch: `fetch()` and every `get()` of it give the same instance (conformance rule 8), until it
 * settles.
 */
export function createPolyfillBackend(
  serviceWorker: ServiceWorkerRegistration,
  options: FallbackEngineOptions | undefined,
): PolyfillBackend {
  let engine: Engine | undefined;
  const fallback = createFallbackEngine(options);
  const client = createBackgroundFetch({
    engine: 'fallback',
    serviceWorker,
    fallback: async (context) => {
      engine = await fallback(context);
      return engine;
    },
  });
  const source = {
    abort: (id: string) => client.abort(id),
    records: async (id: string) => {
      await client.ready;
      return engine?.records?.(id);
    },
  };
  const live = new Map<string, BackgroundFetchRegistration>();
  client.store.subscribe((state) => {
    for (const [id, registration] of live) {
      const snapshot = selectRegistration(state, id);
      if (snapshot === undefined) continue;
      updateRegistration(registration, snapshot);
      if (registration.result !== '') live.delete(id);
    }
  });

  const registrationOf = (snapshot: RegistrationSnapshot) => {
    const known = live.get(snapshot.id);
    if (known !== undefined) return known;
    const registration = new BackgroundFetchRegistration(INTERNAL, snapshot, source);
    live.set(snapshot.id, registration);
    // A short fetch may have moved on before the caller could listen: the figures catch up after the caller's
    // own continuation, so its listeners see the change.
    setTimeout(() => {
      const latest = selectRegistration(client.store.getState(), snapshot.id);
      if (latest !== undefined) updateRegistration(registration, latest);
      if (registration.result !== '') live.delete(snapshot.id);
    });
    return registration;
  };

  return {
    fetch: async (id, requests, fetchOptions) =>
      registrationOf(await client.fetch(id, requests, fetchOptions)),
    get: async (id) => {
      const snapshot = await client.get(id);
      return snapshot === undefined || isSettled(snapshot) ? undefined : registrationOf(snapshot);
    },
    getIds: () => client.getIds(),
  };
}
