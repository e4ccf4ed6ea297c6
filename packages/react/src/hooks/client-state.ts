import type {
  BackgroundFetchClient,
  FetchOptions,
  FetchRequestInput,
  RegistrationSnapshot,
} from '@bgfetch/core';

interface Readiness {
  ready: boolean;
  listeners: Set<() => void>;
}

const readiness = new WeakMap<BackgroundFetchClient, Readiness>();

/** Whether `client.ready` has resolved, as a tiny external store (for `useSyncExternalStore`). */
export function readinessOf(client: BackgroundFetchClient): Readiness {
  let entry = readiness.get(client);
  if (entry === undefined) {
    const created: Readiness = { ready: false, listeners: new Set() };
    client.ready.then(
      () => {
        created.ready = true;
        for (const listener of created.listeners) listener();
      },
      // A client whose engines failed to start stays not ready; every call reports the error itself.
      () => {},
    );
    readiness.set(client, created);
    entry = created;
  }
  return entry;
}

interface FetchCall {
  requests: FetchRequestInput | readonly FetchRequestInput[];
  options: FetchOptions | undefined;
}

const fetchCalls = new WeakMap<BackgroundFetchClient, Map<string, FetchCall>>();

/** `client.fetch`, remembering its arguments so that `retryFetch` can start the same fetch again. */
export function startFetch(
  client: BackgroundFetchClient,
  id: string,
  requests: FetchRequestInput | readonly FetchRequestInput[],
  options?: FetchOptions,
): Promise<RegistrationSnapshot> {
  let calls = fetchCalls.get(client);
  if (calls === undefined) {
    calls = new Map();
    fetchCalls.set(client, calls);
  }
  const started = client.fetch(id, requests, options);
  const remembered = calls;
  started.then(
    () => remembered.set(id, { requests, options }),
    () => {},
  );
  return started;
}

/**
 * Starts a settled fetch again with the requests and options it was started with through this package.
 * Rejects with `NotSupportedError` for a fetch started elsewhere (another page, before a reload): the snapshot
 * does not hold the original requests (headers, integrity), and a guess could store an unchecked file.
 */
export function retryFetch(client: BackgroundFetchClient, id: string): Promise<RegistrationSnapshot> {
  const call = fetchCalls.get(client)?.get(id);
  if (call === undefined) {
    return Promise.reject(
      new DOMException(
        `bgfetch: cannot retry "${id}": it was not started on this page; start it again with fetch()`,
        'NotSupportedError',
      ),
    );
  }
  return startFetch(client, id, call.requests, call.options);
}

/** Whether `retryFetch` can start `id` again. */
export function canRetryFetch(client: BackgroundFetchClient, id: string): boolean {
  return fetchCalls.get(client)?.has(id) ?? false;
}
