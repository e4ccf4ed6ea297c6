import { type BackgroundFetchClient, createBackgroundFetch, type RegistrationSnapshot } from '@bgfetch/core';
import { controlledBy } from '../shared/controlled';
import type { CoreNativeApi } from './api';

let client: BackgroundFetchClient | undefined;
const histories = new Map<string, RegistrationSnapshot[]>();

function started(): BackgroundFetchClient {
  if (client === undefined) throw new Error('call coreNative.start() first');
  return client;
}

async function start(): Promise<void> {
  await controlledBy();
  // Forced native: a silent fall-back to another engine would make these tests pass for the wrong reason.
  client = createBackgroundFetch({ engine: 'native', serviceWorker: navigator.serviceWorker.ready });
  client.store.subscribe((state, previous) => {
    for (const [id, snapshot] of Object.entries(state.registrations)) {
      if (snapshot === previous.registrations[id]) continue;
      const history = histories.get(id) ?? [];
      history.push(snapshot);
      histories.set(id, history);
    }
  });
  await client.ready;
  // What rehydration put in the store before we subscribed is history too.
  for (const snapshot of Object.values(client.store.getState().registrations)) {
    if (!histories.has(snapshot.id)) histories.set(snapshot.id, [snapshot]);
  }
}

window.coreNative = {
  start,
  fetch: (id, urls, options) => started().fetch(id, urls, options),
  abort: (id) => started().abort(id),
  snapshot: (id) => started().store.getState().registrations[id],
  history: (id) => histories.get(id) ?? [],
  storeIds: () => Object.keys(started().store.getState().registrations),
  nativeIds: async () => (await navigator.serviceWorker.ready).backgroundFetch.getIds(),
} satisfies CoreNativeApi;
